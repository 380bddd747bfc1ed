package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kiosk page's static files: small, self-contained. */
class KioskPageTest {
  /** The budget of docs/kiosk.md: HTML + CSS + JS, uncompressed. */
  private static final int MAX_PAGE_BYTES = 60 * 1024;

  private static Map<String, String> files() throws IOException {
    return StaticPageFiles.read(PageRoutes.FILES.keySet());
  }

  @Test
  void staticFiles_summed_stayUnderTheBudget() throws IOException {
    int total = StaticPageFiles.totalBytes(files());

    assertThat(total).isPositive().isLessThan(MAX_PAGE_BYTES);
  }

  @Test
  void staticFiles_anyFile_referencesNoExternalUrl() throws IOException {
    files()
        .forEach(
            (name, body) ->
                assertThat(body)
                    .as(name)
                    .doesNotContainIgnoringCase("http://")
                    .doesNotContainIgnoringCase("https://")
                    .doesNotContain("//cdn"));
  }

  @Test
  void indexHtml_srcAndHref_pointOnlyAtOurStaticFiles() throws IOException {
    List<String> refs = StaticPageFiles.references(files().get("index.html"));

    assertThat(refs)
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(
                        r.equals("data:,")
                            || r.startsWith("/static/")
                                && PageRoutes.FILES.containsKey(r.substring("/static/".length())))
                    .as("reference %s", r)
                    .isTrue());
  }
}
