package calendarbot.whatsnext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageSpecTest {
  @Test
  void parse_noParameters_gives800x480Bw() {
    assertThat(ImageSpec.parse(null, null, null)).isEqualTo(new ImageSpec(800, 480, Palette.BW));
  }

  @Test
  void parse_validParameters_areTaken() {
    assertThat(ImageSpec.parse("400", "300", "BWR"))
        .isEqualTo(new ImageSpec(400, 300, Palette.BWR));
    assertThat(ImageSpec.parse("200", "1200", "gray4"))
        .isEqualTo(new ImageSpec(200, 1200, Palette.GRAY4));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "width | 199 | 300 | bw | width must be an integer between 200 and 1600, but was '199'",
        "width | 1601 | 300 | bw | width must be an integer between 200 and 1600, but was '1601'",
        "width | abc | 300 | bw | width must be an integer between 200 and 1600, but was 'abc'",
        "width | 99999999999 | 300 | bw | width must be an integer between 200 and 1600, but was '99999999999'",
        "width | -400 | 300 | bw | width must be an integer between 200 and 1600, but was '-400'",
        "height | 400 | 199 | bw | height must be an integer between 200 and 1200, but was '199'",
        "height | 400 | 1201 | bw | height must be an integer between 200 and 1200, but was '1201'",
        "height | 400 | 3.5 | bw | height must be an integer between 200 and 1200, but was '3.5'",
        "palette | 400 | 300 | rgb | palette must be one of bw, bwr, gray4, but was 'rgb'",
      })
  void parse_invalidParameter_namesItWithTheRule(
      String parameter, String width, String height, String palette, String message) {
    assertThatThrownBy(() -> ImageSpec.parse(width, height, palette))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.parameter()).isEqualTo(parameter))
        .hasMessage(message);
  }

  @Test
  void parse_emptyParameter_isInvalid() {
    assertThatThrownBy(() -> ImageSpec.parse("", null, null))
        .hasMessage("width must be an integer between 200 and 1600, but was ''");
    assertThatThrownBy(() -> ImageSpec.parse(null, null, ""))
        .hasMessage("palette must be one of bw, bwr, gray4, but was ''");
  }
}
