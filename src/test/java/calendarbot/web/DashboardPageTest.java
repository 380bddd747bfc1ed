package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's static files: small, self-contained. */
class DashboardPageTest {
  /** The budget of docs/dashboard.md: HTML (with its CSS) + JS, uncompressed. */
  private static final int MAX_PAGE_BYTES = 30 * 1024;

  /** The one URL the script names: the SVG namespace, an identifier that is never fetched. */
  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  private static final Pattern SRC_OR_HREF =
      Pattern.compile("(?:src|href)\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);

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
    List<String> refs = new ArrayList<>();
    Matcher m = SRC_OR_HREF.matcher(files().get("dashboard.html"));
    while (m.find()) {
      refs.add(m.group(1));
    }

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
