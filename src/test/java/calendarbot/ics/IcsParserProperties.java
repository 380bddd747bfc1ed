package calendarbot.ics;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.event.CalendarData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class IcsParserProperties {

  /** Text mixing ASCII, TEXT specials, Latin, CJK and emoji (astral, two UTF-16 units). */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
            Tuple.of(3, Arbitraries.of((int) '\\', (int) ';', (int) ',', (int) '\n', (int) ':')),
            Tuple.of(2, Arbitraries.integers().between(0xA0, 0x24F)),
            Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
            Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)));
    return codePoint
        .list()
        .ofMaxSize(240)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  @Property(tries = 400)
  void summary_escapedAndFoldedAt75Octets_roundTrips(
      @ForAll("texts") String summary, @ForAll boolean splitCharacters, @ForAll boolean crlf) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String line :
        new String[] {
          "BEGIN:VCALENDAR",
          "VERSION:2.0",
          "BEGIN:VEVENT",
          "UID:round-trip",
          "DTSTART:20260710T090000Z",
          "SUMMARY:" + IcsWriter.escape(summary),
          "LOCATION:" + IcsWriter.escape(summary),
          "END:VEVENT",
          "END:VCALENDAR"
        }) {
      body.writeBytes(IcsWriter.fold(line, splitCharacters));
    }
    byte[] bytes = body.toByteArray();
    if (!crlf) {
      bytes =
          new String(bytes, StandardCharsets.ISO_8859_1)
              .replace("\r\n", "\n")
              .getBytes(StandardCharsets.ISO_8859_1);
    }
    CalendarData data = new IcsParser().parse(new ByteArrayInputStream(bytes), "source 'prop'");
    assertThat(data.warnings()).isEmpty();
    assertThat(data.series()).hasSize(1);
    assertThat(data.series().get(0).details().summary()).isEqualTo(summary);
    assertThat(data.series().get(0).details().location()).isEqualTo(summary);
  }

  @Property(tries = 200)
  void unescape_ofEscape_isIdentity(@ForAll("texts") String text) {
    assertThat(ValueParser.text(IcsWriter.escape(text))).isEqualTo(text);
  }
}
