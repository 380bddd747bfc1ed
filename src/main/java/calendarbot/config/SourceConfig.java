package calendarbot.config;

import calendarbot.error.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One calendar feed.
 *
 * @param id stable identifier used in instance ids and the API ({@code [a-z0-9_-]}, 1–64)
 * @param name display name
 * @param url {@code http}, {@code https} or {@code file} URL ({@code webcal} is normalised to
 *     {@code https} by {@link #normalizeUrl})
 * @param headers extra request headers (values are treated as secrets in {@code toString})
 * @param refreshInterval this source's refresh interval, or {@code null} for the global one
 */
public record SourceConfig(
    String id,
    String name,
    URI url,
    SourceAuth auth,
    Map<String, String> headers,
    Duration refreshInterval) {
  private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");

  public SourceConfig {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ConfigException("sources[].id", "1-64 characters of a-z, 0-9, '_' or '-'", id);
    }
    String key = "sources." + id;
    Check.present(key + ".url", url);
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw new ConfigException(key + ".url", "an http, https, webcal or file URL", url);
    }
    if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isEmpty())) {
      throw new ConfigException(key + ".url", "a URL with a host", url);
    }
    name = name == null || name.isBlank() ? id : name;
    auth = auth == null ? SourceAuth.NONE : auth;
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    if (refreshInterval != null) {
      Check.positive(key + ".refresh_interval", refreshInterval);
    }
  }

  /**
   * Turns what a user typed into a fetchable URL: {@code webcal://} becomes {@code https://}, a
   * plain path becomes a {@code file:} URL resolved against the working directory.
   *
   * @throws ConfigException if the text is not a URL or path
   */
  public static URI normalizeUrl(String key, String text) {
    if (text == null || text.isBlank()) {
      throw new ConfigException(key, "a URL or file path", text);
    }
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("webcal://")) {
        return new URI("https://" + t.substring("webcal://".length()));
      }
      if (lower.startsWith("webcals://")) {
        return new URI("https://" + t.substring("webcals://".length()));
      }
      if (lower.startsWith("http://")
          || lower.startsWith("https://")
          || lower.startsWith("file:")) {
        return new URI(t);
      }
      if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
        throw new ConfigException(key, "an http, https, webcal or file URL", text);
      }
      return java.nio.file.Path.of(t).toAbsolutePath().normalize().toUri();
    } catch (java.net.URISyntaxException | java.nio.file.InvalidPathException e) {
      throw new ConfigException(
          key, e, key + " must be a URL or file path, but was '" + text + "': " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "SourceConfig[id="
        + id
        + ", name="
        + name
        + ", url="
        + redact(url)
        + ", auth="
        + auth
        + ", headers="
        + headers.keySet()
        + ", refreshInterval="
        + refreshInterval
        + "]";
  }

  /** This source's refresh interval: its own, or {@code refresh.interval} when it sets none. */
  public Duration effectiveInterval(RefreshConfig refresh) {
    return refreshInterval != null ? refreshInterval : refresh.interval();
  }

  /**
   * The URL as it may be shown (status answers, logs, stored state): scheme, host, port and the
   * last path segment only. Calendar providers put the secret that grants read access in the path
   * (Google {@code /calendar/ical/<id>/private-<token>/basic.ics}, iCloud {@code
   * /published/2/<token>}, Outlook {@code /owa/calendar/<guid>/<token>/calendar.ics}) or in the
   * query string, so neither is shown. File paths are local and shown whole.
   */
  public static String redact(URI url) {
    if (url.getScheme() != null && url.getScheme().equals("file")) {
      return url.toString();
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    int slash = path.lastIndexOf('/', path.length() - 2);
    String shown = slash > 0 ? "/\u2026" + path.substring(slash) : path;
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() >= 0 ? ":" + url.getPort() : "")
        + shown
        + (url.getRawQuery() == null ? "" : "?\u2026");
  }
}
