package calendarbot.connection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Reuses a host's resolved addresses for a fixed time ({@code connection_pool.dns_cache_ttl}), so a
 * refresh round over many feeds on one host asks DNS once. Failures are not cached. Holds at most
 * {@value #MAX_HOSTS} hosts (a feed list is short); past that the cache starts over. Thread-safe.
 */
final class CachingDnsResolver implements DnsResolver {
  static final int MAX_HOSTS = 256;

  private record Entry(InetAddress[] addresses, Instant expires) {}

  private final DnsResolver delegate;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  CachingDnsResolver(DnsResolver delegate, Duration ttl, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  static CachingDnsResolver system(Duration ttl, Clock clock) {
    return new CachingDnsResolver(SystemDefaultDnsResolver.INSTANCE, ttl, clock);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    Instant now = clock.instant();
    Entry e = cache.get(host);
    if (e != null && now.isBefore(e.expires())) {
      return e.addresses().clone();
    }
    InetAddress[] fresh = delegate.resolve(host);
    if (cache.size() >= MAX_HOSTS) {
      cache.clear();
    }
    cache.put(host, new Entry(fresh.clone(), now.plus(ttl)));
    return fresh;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return delegate.resolveCanonicalHostname(host);
  }
}
