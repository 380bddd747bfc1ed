package calendarbot.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.connection.FeedConnectionStats;
import calendarbot.connection.FeedConnections;
import calendarbot.connection.FeedLease;
import calendarbot.error.FeedException;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.flags.FlagState;
import calendarbot.metrics.Metrics;
import calendarbot.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedFeedConnectionsTest {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:00:00Z");
  private final FakeConnections pooled = new FakeConnections(true);
  private final FakeConnections plain = new FakeConnections(false);

  /** Leases that do nothing; counts them and reports a settable pool state. */
  static final class FakeConnections implements FeedConnections {
    final boolean pooled;
    int leases;
    volatile int leased;
    String resizedTo = "";

    FakeConnections(boolean pooled) {
      this.pooled = pooled;
    }

    @Override
    public FeedLease lease() {
      leases++;
      return new FeedLease() {
        @Override
        public org.apache.hc.client5.http.impl.classic.CloseableHttpClient client() {
          return null;
        }

        @Override
        public void fetched(long bytes) {}

        @Override
        public void notModified() {}

        @Override
        public void close() {}
      };
    }

    @Override
    public void resize(int maxTotal, int maxPerHost) {
      resizedTo = maxTotal + "/" + maxPerHost;
    }

    @Override
    public FeedConnectionStats stats() {
      return new FeedConnectionStats(pooled, leased, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {}
  }

  private Resilience resilience(FeatureFlags flags) {
    return Resilience.create(Configs.small(), flags, null, clock, Metrics.noop());
  }

  private static void fetch(FeedConnections c, String source, RuntimeException failure) {
    FeedLease lease = c.lease(source);
    lease.close();
    c.fetchEnded(lease, failure);
  }

  private static FeedException timeout() {
    return new FeedException("work", "TIMEOUT", "source 'work' fetch timed out after 5000 ms");
  }

  private static String poolState(Resilience r) {
    return r.status().breakers().get(1).state();
  }

  @Test
  void resize_live_resizesThePooledTwin() {
    FeedConnections guarded = resilience(FeatureFlags.allOn()).guard(pooled, plain);

    guarded.resize(7, 3);

    assertThat(pooled.resizedTo)
        .as("regression: the guard swallowed live resizes")
        .isEqualTo("7/3");
  }

  @Test
  void lease_moreThanThresholdConnectionFailures_opensTheBreaker_andPlainConnectionsServe() {
    Resilience r = resilience(FeatureFlags.allOn());
    FeedConnections c = r.guard(pooled, plain);

    fetch(c, "work", timeout());
    fetch(c, "work", timeout());
    assertThat(poolState(r)).isEqualTo("CLOSED");
    fetch(c, "work", timeout());

    assertThat(poolState(r)).isEqualTo("OPEN");
    assertThat(r.status().breakers().get(1).reason())
        .isEqualTo("100% of the last 3 pooled fetches failed; plain connections for 30 s");
    fetch(c, "work", null);
    assertThat(pooled.leases).isEqualTo(3);
    assertThat(plain.leases).isEqualTo(1);
  }

  @Test
  void lease_serverAnswersThatAreNotConnectionFailures_keepTheBreakerClosed() {
    Resilience r = resilience(FeatureFlags.allOn());
    FeedConnections c = r.guard(pooled, plain);

    for (int i = 0; i < 10; i++) {
      fetch(c, "work", null); // e.g. HTTP 500: the connection worked
    }

    assertThat(poolState(r)).isEqualTo("CLOSED");
    assertThat(pooled.leases).isEqualTo(10);
  }

  @Test
  void lease_afterTheWait_aSuccessfulTrialClosesTheBreaker() {
    Resilience r = resilience(FeatureFlags.allOn());
    FeedConnections c = r.guard(pooled, plain);
    for (int i = 0; i < 3; i++) {
      fetch(c, "work", timeout());
    }

    clock.advance(Configs.OPEN_WAIT.plusSeconds(1));
    fetch(c, "work", null);

    assertThat(poolState(r)).isEqualTo("CLOSED");
    assertThat(pooled.leases).isEqualTo(4);
  }

  @Test
  void lease_flagOffForTheSource_usesPlainConnections_andCountsNothing() {
    FeatureFlags onlyHome =
        new FeatureFlags() {
          @Override
          public boolean enabled(Flag flag, String subject) {
            return subject.equals("home");
          }

          @Override
          public List<FlagState> states() {
            return List.of();
          }
        };
    Resilience r = resilience(onlyHome);
    FeedConnections c = r.guard(pooled, plain);

    for (int i = 0; i < 5; i++) {
      fetch(c, "work", timeout());
    }
    fetch(c, "home", null);

    assertThat(poolState(r)).isEqualTo("CLOSED");
    assertThat(plain.leases).isEqualTo(5);
    assertThat(pooled.leases).isEqualTo(1);
  }

  @Test
  void checkPoolSaturation_saturatedForTheConfiguredTime_opensTheBreaker() {
    Resilience r = resilience(FeatureFlags.allOn());
    FeedConnections c = r.guard(pooled, plain);
    pooled.leased = 2;

    r.checkPoolSaturation();
    clock.advance(Duration.ofSeconds(59));
    r.checkPoolSaturation();
    assertThat(poolState(r)).isEqualTo("CLOSED");
    clock.advance(Duration.ofSeconds(1));
    r.checkPoolSaturation();

    assertThat(poolState(r)).isEqualTo("OPEN");
    assertThat(r.status().breakers().get(1).reason()).startsWith("pool 100% leased for 60 s");
    fetch(c, "work", null);
    assertThat(plain.leases).isEqualTo(1);
  }

  @Test
  void checkPoolSaturation_relievedInBetween_startsMeasuringAgain() {
    Resilience r = resilience(FeatureFlags.allOn());
    r.guard(pooled, plain);
    pooled.leased = 2;
    r.checkPoolSaturation();
    clock.advance(Duration.ofSeconds(40));
    pooled.leased = 1;
    r.checkPoolSaturation();
    pooled.leased = 2;
    r.checkPoolSaturation();
    clock.advance(Duration.ofSeconds(40));
    r.checkPoolSaturation();

    assertThat(poolState(r)).isEqualTo("CLOSED");
  }
}
