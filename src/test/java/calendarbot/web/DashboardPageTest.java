package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's static files: small, self-contained. */
class DashboardPageTest {
  /** The budget of docs/dashboard.md: HTML (with its CSS) + JS, uncompressed. */
  private static final int MAX_PAGE_BYTES = 30 * 1024;

  /** The one URL the script names: the SVG namespace, an identifier that is never fetched. */
  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  private static Map<String, String> files() throws IOException {
    return StaticPageFiles.read(PageRoutes.DASHBOARD_FILES.keySet());
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
                assertThat(body.replace(SVG_NAMESPACE, ""))
                    .as(name)
                    .doesNotContainIgnoringCase("http://")
                    .doesNotContainIgnoringCase("https://")
                    .doesNotContain("//cdn")
                    .doesNotContain("@import"));
  }

  @Test
  void dashboardHtml_srcAndHref_pointOnlyAtOurStaticFiles() throws IOException {
    List<String> refs = StaticPageFiles.references(files().get("dashboard.html"));

    assertThat(refs)
        .containsExactlyInAnyOrder("data:,", "/static/dashboard.js")
        .allSatisfy(
            r ->
                assertThat(
                        r.equals("data:,")
                            || PageRoutes.DASHBOARD_FILES.containsKey(
                                r.substring("/static/".length())))
                    .as("reference %s", r)
                    .isTrue());
  }
}
