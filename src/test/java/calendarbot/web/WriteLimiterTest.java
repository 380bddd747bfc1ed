package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.error.RetryLaterException;
import calendarbot.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteLimiterTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:10:00Z");

  @Test
  void acquire_limitWritesInAMinute_allowed() {
    WriteLimiter limiter = new WriteLimiter(5, clock);

    for (int i = 0; i < 5; i++) {
      limiter.acquire("kiosk");
    }
  }

  @Test
  void acquire_oneMoreThanTheLimit_isRateLimitedWithRetryAfter() {
    WriteLimiter limiter = new WriteLimiter(6, clock);
    for (int i = 0; i < 6; i++) {
      limiter.acquire("kiosk");
    }

    assertThatThrownBy(() -> limiter.acquire("kiosk"))
        .isInstanceOfSatisfying(
            RetryLaterException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RetryLaterException.Kind.RATE_LIMITED);
              // 6 a minute: one token every 10 s.
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
              assertThat(e.retryAfterSeconds()).isEqualTo(10);
            })
        .hasMessageContaining("client 'kiosk'")
        .hasMessageContaining("admin.write_limit=6");
  }

  @Test
  void acquire_afterTheRefillTime_allowedAgain() {
    WriteLimiter limiter = new WriteLimiter(6, clock);
    for (int i = 0; i < 6; i++) {
      limiter.acquire("kiosk");
    }
    clock.advance(Duration.ofSeconds(9));
    assertThatThrownBy(() -> limiter.acquire("kiosk"))
        .isInstanceOfSatisfying(
            RetryLaterException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

    clock.advance(Duration.ofSeconds(1));

    limiter.acquire("kiosk");
    assertThatThrownBy(() -> limiter.acquire("kiosk")).isInstanceOf(RetryLaterException.class);
  }

  @Test
  void acquire_longIdle_refillsOnlyUpToTheLimit() {
    WriteLimiter limiter = new WriteLimiter(3, clock);
    limiter.acquire("kiosk");
    clock.advance(Duration.ofHours(5));

    for (int i = 0; i < 3; i++) {
      limiter.acquire("kiosk");
    }
    assertThatThrownBy(() -> limiter.acquire("kiosk")).isInstanceOf(RetryLaterException.class);
  }

  @Test
  void acquire_otherClient_hasItsOwnBucket() {
    WriteLimiter limiter = new WriteLimiter(1, clock);
    limiter.acquire("kiosk-a");

    limiter.acquire("kiosk-b");
    assertThatThrownBy(() -> limiter.acquire("kiosk-a")).isInstanceOf(RetryLaterException.class);
  }
}
