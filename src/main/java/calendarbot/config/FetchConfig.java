package calendarbot.config;

import java.time.Duration;

/**
 * How feeds are fetched over HTTP(S).
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest silence while reading a response
 * @param maxRedirects redirects followed before the fetch fails
 * @param maxBytes largest feed body accepted (after gzip decoding); larger feeds fail with {@code
 *     TOO_LARGE} and keep their stored data
 */
public record FetchConfig(
    Duration connectTimeout, Duration readTimeout, int maxRedirects, long maxBytes) {
  public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

  public FetchConfig {
    Check.positive("fetch.connect_timeout", connectTimeout);
    Check.positive("fetch.read_timeout", readTimeout);
    Check.range("fetch.max_redirects", maxRedirects, 0, 20);
    Check.atLeast("fetch.max_bytes", maxBytes, 1024);
  }

  public static FetchConfig defaults() {
    return new FetchConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), 5, DEFAULT_MAX_BYTES);
  }
}
