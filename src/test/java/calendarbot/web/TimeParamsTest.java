package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParamsTest {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

  @ParameterizedTest
  @CsvSource({
    "2026-11-22T14:00:00Z, 2026-11-22T14:00:00Z",
    "2026-11-22T09:00:00-05:00, 2026-11-22T14:00:00Z",
    "2026-11-22T15:00:00+0100, 2026-11-22T14:00:00Z",
    "2026-11-22T15:00:00 01:00, 2026-11-22T14:00:00Z",
    "2026-11-22T15:30+01, 2026-11-22T14:30:00Z",
    "2026-11-22T09:00:00, 2026-11-22T14:00:00Z",
    "2026-11-22, 2026-11-22T05:00:00Z",
    "1997-07-14, 1997-07-14T04:00:00Z",
    "2040-01-01T00:00:00z, 2040-01-01T00:00:00Z"
  })
  void parse_acceptedForms_giveTheInstant(String text, String expected) {
    assertThat(TimeParams.parse("start", text, ZONE)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tomorrow",
        "2026-13-01",
        "2026-11-22T25:00:00Z",
        "1700000000",
        "2026-11-22 09:00"
      })
  void parse_garbage_namesParameterFormsAndValue(String text) {
    assertThatThrownBy(() -> TimeParams.parse("end", text, ZONE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("end must be " + TimeParams.FORMS + ", but was '" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void parse_missing_saysMissing(String text) {
    assertThatThrownBy(() -> TimeParams.parse("start", text, ZONE))
        .hasMessage("start must be " + TimeParams.FORMS + ", but was missing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+999999999-12-31T00:00:00Z", "-000001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
  void parse_yearsOutsideOneTo9999_areRejected(String text) {
    assertThatThrownBy(() -> TimeParams.parse("end", text, ZONE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("end must be between the years 1 and 9999, but was '" + text + "'");
  }
}
