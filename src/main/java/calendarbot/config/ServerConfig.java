package calendarbot.config;

/**
 * Where the HTTP server listens.
 *
 * @param host interface to bind; {@code 127.0.0.1} by default so nothing is exposed by accident
 * @param port TCP port; {@code 0} picks a free one (tests)
 */
public record ServerConfig(String host, int port) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerConfig {
    Check.present("server.host", host);
    if (host.isBlank()) {
      throw new calendarbot.error.ConfigException("server.host", "a host name or address", host);
    }
    Check.range("server.port", port, 0, 65535);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT);
  }
}
