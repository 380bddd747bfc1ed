package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminGuardTest {
  @Test
  void matches_sameToken_isTrue() {
    byte[] digest = AdminGuard.sha256("the-admin-token-0123456789");

    assertThat(AdminGuard.matches(digest, "the-admin-token-0123456789")).isTrue();
  }

  @Test
  void matches_otherPrefixLongerOrEmptyToken_isFalse() {
    byte[] digest = AdminGuard.sha256("the-admin-token-0123456789");

    assertThat(AdminGuard.matches(digest, "the-admin-token-012345678")).isFalse();
    assertThat(AdminGuard.matches(digest, "the-admin-token-0123456789x")).isFalse();
    assertThat(AdminGuard.matches(digest, "THE-ADMIN-TOKEN-0123456789")).isFalse();
    assertThat(AdminGuard.matches(digest, "")).isFalse();
  }

  @Test
  void sha256_anyLength_isAlways32Bytes() {
    // Comparing fixed-length digests is what keeps the token's length out of the timing.
    assertThat(AdminGuard.sha256("")).hasSize(32);
    assertThat(AdminGuard.sha256("x".repeat(10_000))).hasSize(32);
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /api/admin/config, true",
    "GET, /api/admin, true",
    "GET, /api/admin/, true",
    "DELETE, /API/Admin/flags/emergency-disable, true",
    "GET, //api//admin/flags, true",
    "PUT, /api/settings, true",
    "PUT, /api/settings/, true",
    "PUT, /api/settings/filters, true",
    "PUT, /api/settings/display, true",
    "POST, /api/settings/import, true",
    "POST, /api/settings/reset, true",
    "POST, /api/events/hide, true",
    "POST, /api/events/unhide, true",
    "POST, /api/refresh, true",
    "POST, /api/something-added-later, true",
    "GET, /api/settings, false",
    "GET, /api/events, false",
    "GET, /api/status, false",
    "HEAD, /api/status, false",
    "GET, /, false",
    "POST, /api/settings/validate, false",
    "POST, /api/whats-next/data, false",
    "GET, /api/administrator, false"
  })
  void guarded_policy_protectsAdminAndEveryWriteButTheReadOnlyPosts(
      String method, String path, boolean guarded) {
    assertThat(AdminGuard.guarded(method, path)).isEqualTo(guarded);
  }
}
