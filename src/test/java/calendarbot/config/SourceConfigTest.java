package calendarbot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceConfigTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://calendar.google.com/calendar/ical/me%40gmail.com/private-0123abcd/basic.ics | https://calendar.google.com/\u2026/basic.ics | private-0123abcd",
        "https://p01-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEy | https://p01-caldav.icloud.com/\u2026/MTIzNDU2Nzg5MDEy | published/2",
        "https://outlook.office365.com/owa/calendar/5f1e/d00d/calendar.ics | https://outlook.office365.com/\u2026/calendar.ics | d00d",
        "https://feeds.example.test:8443/team.ics?key=s3cret | https://feeds.example.test:8443/team.ics?\u2026 | s3cret",
        "https://user:pw@feeds.example.test/a/b.ics | https://feeds.example.test/\u2026/b.ics | pw"
      })
  void redact_secretsInPathQueryOrUserInfo_areNotShown(String url, String shown, String secret) {
    String redacted = SourceConfig.redact(URI.create(url));

    assertThat(redacted).isEqualTo(shown).doesNotContain(secret);
  }

  @Test
  void redact_fileUrl_isShownWhole() {
    assertThat(SourceConfig.redact(URI.create("file:/home/pi/holidays.ics")))
        .isEqualTo("file:/home/pi/holidays.ics");
  }

  @Test
  void effectiveInterval_ownIntervalWinsOverTheGlobalOne() {
    RefreshConfig global = RefreshConfig.defaults();
    URI url = URI.create("https://feeds.example.test/a.ics");

    assertThat(
            new SourceConfig("a", null, url, null, null, Duration.ofMinutes(10))
                .effectiveInterval(global))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(new SourceConfig("b", null, url, null, null, null).effectiveInterval(global))
        .isEqualTo(global.interval());
  }
}
