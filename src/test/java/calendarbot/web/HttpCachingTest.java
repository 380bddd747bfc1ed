package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpCachingTest {
  private static final String TAG = HttpCaching.strongEtag(new byte[] {1, 2, 3});

  @Test
  void strongEtag_sameBytes_sameStrongTag_otherBytes_otherTag() {
    assertThat(TAG).matches("\"[0-9a-f]{32}\"");
    assertThat(HttpCaching.strongEtag(new byte[] {1, 2, 3})).isEqualTo(TAG);
    assertThat(HttpCaching.strongEtag(new byte[] {1, 2, 4})).isNotEqualTo(TAG);
  }

  @Test
  void matches_exactListWeakOrStar_match() {
    assertThat(HttpCaching.matches(TAG, TAG)).isTrue();
    assertThat(HttpCaching.matches("\"other\", " + TAG, TAG)).isTrue();
    assertThat(HttpCaching.matches("W/" + TAG, TAG)).isTrue();
    assertThat(HttpCaching.matches("*", TAG)).isTrue();
  }

  @Test
  void matches_absentOrOtherTag_doesNotMatch() {
    assertThat(HttpCaching.matches(null, TAG)).isFalse();
    assertThat(HttpCaching.matches("\"other\"", TAG)).isFalse();
    assertThat(HttpCaching.matches(TAG.replace("\"", ""), TAG)).isFalse();
  }

  @Test
  void matches_weakAndStrongForms_compareWeakly() {
    assertThat(HttpCaching.matches("W/\"abc\"", "W/\"abc\"")).isTrue();
    assertThat(HttpCaching.matches("\"abc\"", "W/\"abc\"")).isTrue();
    assertThat(HttpCaching.matches("\"x\", W/\"abc\"", "\"abc\"")).isTrue();
    assertThat(HttpCaching.matches("\"abd\"", "W/\"abc\"")).isFalse();
  }
}
