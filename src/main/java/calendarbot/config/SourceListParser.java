package calendarbot.config;

import calendarbot.error.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code sources} of a YAML file, {@code CALENDARBOT_SOURCES} or {@code --source} flags
 * into {@link SourceConfig}s. Errors are {@link ConfigException}s naming the list position.
 */
final class SourceListParser {
  private SourceListParser() {}

  static List<SourceConfig> yaml(JsonNode list, String origin) {
    if (!list.isArray()) {
      throw new ConfigException(
          "sources",
          "a list of sources (each with at least a url)",
          list.toString() + " in " + origin);
    }
    List<SourceConfig> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String at = "sources[" + i + "]";
      if (s.isTextual()) {
        URI url = SourceConfig.normalizeUrl(at, s.asText());
        out.add(new SourceConfig(derivedId(url), null, url, SourceAuth.NONE, Map.of(), null));
        continue;
      }
      for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!Set.of("id", "name", "url", "auth", "headers", "refresh_interval").contains(n)) {
          throw new ConfigException(
              at + "." + n,
              "one of id, name, url, auth, headers, refresh_interval",
              n + " in " + origin);
        }
      }
      URI url = SourceConfig.normalizeUrl(at + ".url", text(s, "url"));
      String id = s.hasNonNull("id") ? s.get("id").asText() : derivedId(url);
      Map<String, String> headers = new LinkedHashMap<>();
      if (s.hasNonNull("headers")) {
        s.get("headers")
            .fields()
            .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
      }
      Duration interval =
          s.hasNonNull("refresh_interval")
              ? ConfigValues.duration(at + ".refresh_interval", s.get("refresh_interval").asText())
              : null;
      out.add(
          new SourceConfig(
              id, text(s, "name"), url, auth(s.get("auth"), at + ".auth"), headers, interval));
    }
    return out;
  }

  private static SourceAuth auth(JsonNode a, String at) {
    if (a == null || a.isNull()) {
      return SourceAuth.NONE;
    }
    String type = text(a, "type");
    if (type == null) {
      throw new ConfigException(at + ".type", "basic or bearer", null);
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "basic" ->
          new SourceAuth.Basic(required(a, "username", at), required(a, "password", at));
      case "bearer" -> new SourceAuth.Bearer(required(a, "token", at));
      case "none" -> SourceAuth.NONE;
      default -> throw new ConfigException(at + ".type", "basic, bearer or none", type);
    };
  }

  private static String required(JsonNode n, String field, String at) {
    String v = text(n, field);
    if (v == null || v.isEmpty()) {
      throw new ConfigException(at + "." + field, "set", null);
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static List<SourceConfig> urls(List<String> urls, String origin) {
    List<SourceConfig> out = new ArrayList<>();
    for (String u : urls) {
      if (u.isBlank()) {
        continue;
      }
      URI url = SourceConfig.normalizeUrl(origin, u);
      out.add(new SourceConfig(derivedId(url), null, url, SourceAuth.NONE, Map.of(), null));
    }
    return out;
  }

  /**
   * A stable id for a source given only by URL: a readable stem plus a hash of the URL, so adding
   * or reordering sources never changes another source's instance ids (and hidden events).
   */
  static String derivedId(URI url) {
    String stem;
    if ("file".equals(url.getScheme())) {
      String p =
          Path.of(url).getFileName() == null ? "file" : Path.of(url).getFileName().toString();
      stem = p.replaceFirst("\\.[^.]*$", "");
    } else {
      String host = url.getHost() == null ? "feed" : url.getHost();
      stem = host.startsWith("www.") ? host.substring(4) : host;
      stem = stem.contains(".") ? stem.substring(0, stem.indexOf('.')) : stem;
    }
    stem = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    if (stem.isEmpty()) {
      stem = "feed";
    }
    if (stem.length() > 40) {
      stem = stem.substring(0, 40);
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return stem + "-" + HexFormat.of().formatHex(h, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
