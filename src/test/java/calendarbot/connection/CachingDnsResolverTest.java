package calendarbot.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calendarbot.testing.FakeClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

class CachingDnsResolverTest {
  final FakeClock clock = FakeClock.at("2026-03-02T08:00:00Z");
  final AtomicInteger lookups = new AtomicInteger();
  final DnsResolver counting =
      new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
          lookups.incrementAndGet();
          if (host.endsWith(".invalid")) {
            throw new UnknownHostException(host);
          }
          return new InetAddress[] {
            InetAddress.getByAddress(host, new byte[] {10, 0, 0, (byte) lookups.get()})
          };
        }

        @Override
        public String resolveCanonicalHostname(String host) {
          return host;
        }
      };
  final CachingDnsResolver resolver =
      new CachingDnsResolver(counting, Duration.ofMinutes(1), clock);

  @Test
  void resolve_withinTtl_asksOnce() throws Exception {
    InetAddress[] first = resolver.resolve("cal.example.test");
    clock.advance(Duration.ofSeconds(59));
    InetAddress[] second = resolver.resolve("cal.example.test");

    assertThat(second).containsExactly(first);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void resolve_afterTtl_asksAgain() throws Exception {
    resolver.resolve("cal.example.test");
    clock.advance(Duration.ofMinutes(1));
    InetAddress[] again = resolver.resolve("cal.example.test");

    assertThat(lookups).hasValue(2);
    assertThat(again[0].getAddress()[3]).isEqualTo((byte) 2);
  }

  @Test
  void resolve_failure_isNotCached() {
    assertThatThrownBy(() -> resolver.resolve("gone.invalid"))
        .isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> resolver.resolve("gone.invalid"))
        .isInstanceOf(UnknownHostException.class);

    assertThat(lookups).hasValue(2);
  }

  @Test
  void resolve_hostsAreCachedSeparately() throws Exception {
    resolver.resolve("a.example.test");
    resolver.resolve("b.example.test");
    resolver.resolve("a.example.test");

    assertThat(lookups).hasValue(2);
  }
}
