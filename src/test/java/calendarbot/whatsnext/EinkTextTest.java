package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.status.Freshness;
import java.awt.Canvas;
import java.awt.FontMetrics;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EinkTextTest {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private final FontMetrics fm = new Canvas().getFontMetrics(Fonts.regular(20f));

  @Test
  void time_24hAnd12h_followTheClockSetting() {
    OffsetDateTime t = OffsetDateTime.parse("2026-11-23T14:05+01:00");
    assertThat(EinkText.time(t, false)).isEqualTo("14:05");
    assertThat(EinkText.time(t, true)).isEqualTo("2:05 PM");
  }

  @Test
  void dayTime_otherDay_namesTheDay() {
    OffsetDateTime t = OffsetDateTime.parse("2026-11-24T09:00+01:00");
    assertThat(EinkText.dayTime(t, TODAY, false)).isEqualTo("Tue 24 Nov 09:00");
    assertThat(EinkText.dayTime(t, TODAY.plusDays(1), false)).isEqualTo("09:00");
  }

  @Test
  void minutes_spans_areWrittenInMinutesHoursOrDays() {
    assertThat(EinkText.minutes(0)).isEqualTo("0 min");
    assertThat(EinkText.minutes(59)).isEqualTo("59 min");
    assertThat(EinkText.minutes(60)).isEqualTo("1 h");
    assertThat(EinkText.minutes(80)).isEqualTo("1 h 20 min");
    assertThat(EinkText.minutes(24 * 60 + 1)).isEqualTo("2 d");
  }

  @Test
  void freshness_staleSource_warnsWithItsLastSuccess() {
    assertThat(EinkText.freshness(EinkFixtures.staleHome(), BERLIN, TODAY, false))
        .isEqualTo("\u26A0 home: not updated since 08:40");
  }

  @Test
  void freshness_allFresh_saysUpToDate_withoutATimeThatMovesEveryRefresh() {
    assertThat(EinkText.freshness(EinkFixtures.fresh(), BERLIN, TODAY, false))
        .isEqualTo("Calendars up to date");
  }

  @Test
  void freshness_staleNeverLoaded_saysNeverUpdated() {
    Freshness s =
        EinkFixtures.status(
            false,
            null,
            List.of("home"),
            List.of("home"),
            List.of(EinkFixtures.source("home", "FAILED", true, null)));
    assertThat(EinkText.freshness(s, BERLIN, TODAY, false)).isEqualTo("\u26A0 home: never updated");
  }

  @Test
  void freshness_notReady_saysLoading() {
    Freshness s = EinkFixtures.status(false, null, List.of(), List.of("work"), List.of());
    assertThat(EinkText.freshness(s, BERLIN, TODAY, false)).isEqualTo("Loading calendars\u2026");
  }

  @Test
  void fit_shortText_isUnchanged() {
    assertThat(EinkText.fit("Planning", fm, 1000)).isEqualTo("Planning");
  }

  @Test
  void fit_longText_isCutWithEllipsisWithinTheWidth() {
    String text = "Release retrospective for the calendar synchronisation project";
    for (int width = 10; width < 400; width += 7) {
      String out = EinkText.fit(text, fm, width);
      assertThat(fm.stringWidth(out)).isLessThanOrEqualTo(width);
      if (!out.isEmpty()) {
        assertThat(out).endsWith("\u2026");
        assertThat(text).startsWith(out.substring(0, out.length() - 1).stripTrailing());
      }
    }
  }

  @Test
  void fit_noRoomForEllipsis_isEmpty() {
    assertThat(EinkText.fit("Planning", fm, 2)).isEmpty();
    assertThat(EinkText.fit("Planning", fm, 0)).isEmpty();
  }

  @Test
  void oneLine_lineBreaksAndRuns_becomeOneSpace() {
    assertThat(EinkText.oneLine("  a\r\nb\t\tc  ")).isEqualTo("a b c");
    assertThat(EinkText.oneLine(null)).isEmpty();
  }

  @Test
  void fonts_displayTheSymbolsTheImageUses() {
    assertThat(
            Fonts.regular(16f)
                .canDisplayUpTo(EinkText.WARNING + EinkText.ELLIPSIS + "\u00B7\u2013"))
        .isEqualTo(-1);
  }
}
