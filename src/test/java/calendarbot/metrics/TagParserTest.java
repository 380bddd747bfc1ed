package calendarbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

class TagParserTest {
  @Test
  void parse_nullOrBlank_isNoTags() {
    assertThat(TagParser.parse(null)).isEmpty();
    assertThat(TagParser.parse("")).isEmpty();
    assertThat(TagParser.parse("  ")).isEmpty();
  }

  @Test
  void parse_onePair_isOneTag() {
    assertThat(TagParser.parse("source=work")).containsExactly(Tag.of("source", "work"));
  }

  @Test
  void parse_twoPairs_keepTheirOrderAndAreTrimmed() {
    assertThat(TagParser.parse("source=work, reason=timeout"))
        .containsExactly(Tag.of("source", "work"), Tag.of("reason", "timeout"));
  }

  @Test
  void parse_valueWithEquals_splitsAtTheFirstOnly() {
    assertThat(TagParser.parse("breaker=source:a=b"))
        .containsExactly(Tag.of("breaker", "source:a=b"));
  }

  @Test
  void parse_emptyValue_isKept() {
    assertThat(TagParser.parse("reason=")).containsExactly(Tag.of("reason", ""));
  }

  @Test
  void parse_bareWord_throwsNamingTheString() {
    assertThatThrownBy(() -> TagParser.parse("whats_next"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag must be key=value[,key=value...], but was 'whats_next'");
  }

  @Test
  void parse_emptyKeyOrEmptyPart_throws() {
    assertThatThrownBy(() -> TagParser.parse("=x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TagParser.parse("a=1,,b=2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_repeatedKey_throws() {
    assertThatThrownBy(() -> TagParser.parse("a=1,a=2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 'a' repeats");
  }
}
