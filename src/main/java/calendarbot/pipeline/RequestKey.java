package calendarbot.pipeline;

import calendarbot.event.TimeWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A normalised request: its type and a canonical parameter string. Two requests that must get the
 * same answer get equal keys: parameters are sorted by name, times are epoch milliseconds (so
 * {@code 10:00+01:00} and {@code 09:00Z} are one key), zones are normalised ({@code UTC}, {@code
 * Etc/UTC} and {@code Z} are one zone), and a parameter equal to its default is left out. Every
 * input the answer depends on must be put in: that is the caller's side of the contract.
 *
 * @param params canonical {@code name=value} pairs joined by {@code &}, sorted by name
 * @param window the span of time the answer covers, when it covers one (an events window): a data
 *     change invalidates only the answers whose window overlaps it; {@code null} otherwise
 * @param minute the minute a time-bucketed answer is computed for (what's-next, images), or {@code
 *     null}: such an answer lives at least until its minute ends, also when computed ahead
 * @param generation the pipeline's data-change sequence the request started in; 0 as built, set by
 *     the pipeline ({@link #at}) so identical requests join only a computation of the same data
 */
public record RequestKey(
    RequestType type, String params, TimeWindow window, Instant minute, long generation) {
  public RequestKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(params, "params");
  }

  /** The value of parameter {@code name} as put in (unescaped), or {@code null}. */
  public String param(String name) {
    for (String pair : params.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && Builder.unescape(pair.substring(0, eq)).equals(name)) {
        return Builder.unescape(pair.substring(eq + 1));
      }
    }
    return null;
  }

  /** This key in {@code generation}. */
  public RequestKey at(long generation) {
    return generation == this.generation
        ? this
        : new RequestKey(type, params, window, minute, generation);
  }

  public static Builder builder(RequestType type) {
    return new Builder(type);
  }

  @Override
  public String toString() {
    return type.code() + (params.isEmpty() ? "" : "?" + params) + "#" + generation;
  }

  /** Collects parameters; not thread-safe, use once. */
  public static final class Builder {
    private final RequestType type;
    private final Map<String, String> params = new TreeMap<>();
    private TimeWindow window;
    private Instant minute;

    private Builder(RequestType type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Adds {@code name=value}; a {@code null} value is left out. */
    public Builder put(String name, String value) {
      if (value != null) {
        params.put(name, value);
      }
      return this;
    }

    /** Adds {@code name=value} unless it equals {@code defaultValue} (or is {@code null}). */
    public Builder put(String name, String value, String defaultValue) {
      return Objects.equals(value, defaultValue) ? this : put(name, value);
    }

    public Builder put(String name, long value) {
      return put(name, Long.toString(value));
    }

    public Builder put(String name, boolean value, boolean defaultValue) {
      return value == defaultValue ? this : put(name, Boolean.toString(value));
    }

    /** Adds the instant as epoch milliseconds; {@code null} is left out. */
    public Builder put(String name, Instant value) {
      return value == null ? this : put(name, value.toEpochMilli());
    }

    /** Adds the normalised zone id; {@code null} is left out. */
    public Builder put(String name, ZoneId value) {
      return value == null ? this : put(name, canonical(value));
    }

    /** Adds the minute an answer is for as {@code t} and records it for the answer's lifetime. */
    public Builder minute(Instant m) {
      this.minute = m;
      return put("t", m);
    }

    /** Adds {@code start} and {@code end} and records the window for invalidation. */
    public Builder window(TimeWindow w) {
      this.window = w;
      return put("start", w.start()).put("end", w.end());
    }

    public RequestKey build() {
      StringBuilder sb = new StringBuilder();
      params.forEach(
          (k, v) -> {
            if (sb.length() > 0) {
              sb.append('&');
            }
            sb.append(escape(k)).append('=').append(escape(v));
          });
      return new RequestKey(type, sb.toString(), window, minute, 0);
    }

    private static String canonical(ZoneId zone) {
      ZoneId n = zone.normalized();
      // UTC, Etc/UTC, GMT and Z all normalise to the offset Z.
      return n.getId();
    }

    static String unescape(String s) {
      if (s.indexOf('%') < 0) {
        return s;
      }
      return s.replace("%3D", "=").replace("%26", "&").replace("%25", "%");
    }

    /** Keeps the separators unambiguous whatever a value holds. */
    private static String escape(String s) {
      if (s.indexOf('%') < 0 && s.indexOf('&') < 0 && s.indexOf('=') < 0) {
        return s;
      }
      return s.replace("%", "%25").replace("&", "%26").replace("=", "%3D");
    }
  }
}
