package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRoutesTest {
  private static final String TAG = ImageRoutes.etag(new byte[] {1, 2, 3});

  @Test
  void etag_sameBytes_sameStrongTag_otherBytes_otherTag() {
    assertThat(TAG).matches("\"[0-9a-f]{32}\"");
    assertThat(ImageRoutes.etag(new byte[] {1, 2, 3})).isEqualTo(TAG);
    assertThat(ImageRoutes.etag(new byte[] {1, 2, 4})).isNotEqualTo(TAG);
  }

  @Test
  void matches_exactListWeakOrStar_match() {
    assertThat(ImageRoutes.matches(TAG, TAG)).isTrue();
    assertThat(ImageRoutes.matches("\"other\", " + TAG, TAG)).isTrue();
    assertThat(ImageRoutes.matches("W/" + TAG, TAG)).isTrue();
    assertThat(ImageRoutes.matches("*", TAG)).isTrue();
  }

  @Test
  void matches_absentOrOtherTag_doesNotMatch() {
    assertThat(ImageRoutes.matches(null, TAG)).isFalse();
    assertThat(ImageRoutes.matches("\"other\"", TAG)).isFalse();
    assertThat(ImageRoutes.matches(TAG.replace("\"", ""), TAG)).isFalse();
  }
}
