package calendarbot;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigEntry;
import calendarbot.config.ConfigLayers;
import calendarbot.config.ConfigLoader;
import calendarbot.config.ConfigService;
import calendarbot.config.ConfigSnapshot;
import calendarbot.config.OverrideStore;
import calendarbot.error.CalendarBotException;
import calendarbot.error.ConfigException;
import calendarbot.store.ConfigStore;
import calendarbot.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command-line entry point: {@code calendarbot serve [options]} and {@code calendarbot config show
 * [options]}.
 */
@Command(
    name = "calendarbot",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Self-hosted \"what's next\" calendar server for small hardware.",
    subcommands = {Main.Serve.class, Main.ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit code for invalid configuration. */
  static final int EXIT_CONFIG = 2;

  /** Exit code when the server cannot start (e.g. the database cannot be opened). */
  static final int EXIT_START_FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        run(
            new PrintWriter(System.out, true, Charset.defaultCharset()),
            new PrintWriter(System.err, true, Charset.defaultCharset()),
            args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new Main())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof ConfigException) {
                cmd.getErr().println("calendarbot: invalid configuration: " + e.getMessage());
                return EXIT_CONFIG;
              }
              if (e instanceof CalendarBotException) {
                // A start-up failure with a diagnostic message (e.g. an unreadable database):
                // the message says what to fix; a stack trace would bury it.
                cmd.getErr().println("calendarbot: cannot start: " + e.getMessage());
                return EXIT_START_FAILED;
              }
              throw e;
            })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options that make the configuration layers, shared by {@code serve} and {@code config}. */
  static final class LayerOptions {
    @Option(
        names = "--port",
        description = "TCP port (default 8080; 0 picks a free one). Env: CALENDARBOT_SERVER_PORT.")
    Integer port;

    @Option(
        names = "--host",
        description = "Interface to bind (default 127.0.0.1). Env: CALENDARBOT_SERVER_HOST.")
    String host;

    @Option(
        names = "--data-dir",
        description =
            "Directory of the SQLite database (default ~/.local/share/calendarbot). Env: CALENDARBOT_DATA_DIR.")
    String dataDir;

    @Option(
        names = "--timezone",
        description =
            "IANA zone for display; floating times and all-day dates are read in it (default: the system zone). Env: CALENDARBOT_TIMEZONE.")
    String timezone;

    @Option(
        names = "--source",
        paramLabel = "URL",
        description =
            "A feed: http://, https://, webcal:// (fetched as https), file: URL or path. Repeatable; replaces the sources of --config and CALENDARBOT_SOURCES.")
    List<String> sources = new ArrayList<>();

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "YAML config file (every setting, per-source name, auth, headers and refresh interval; see README). Watched: valid changes apply without a restart.")
    Path config;

    /** The layers these options and the process environment make. */
    ConfigLayers layers() {
      Map<String, String> flags = new LinkedHashMap<>();
      if (port != null) {
        flags.put("server.port", String.valueOf(port));
      }
      if (host != null) {
        flags.put("server.host", host);
      }
      if (dataDir != null) {
        flags.put("data_dir", dataDir);
      }
      if (timezone != null) {
        flags.put("timezone", timezone);
      }
      Map<String, String> env = System.getenv();
      return ConfigLayers.of(
          config, env, flags, sources, ZoneId.systemDefault(), ConfigLoader.defaultDataDir(env));
    }
  }

  /** {@code calendarbot serve}: starts the server and runs until SIGTERM/SIGINT. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Starts the server. With no source configured it serves a bundled demo calendar.",
        "Precedence: defaults < --config file < CALENDARBOT_* environment < flags < runtime"
            + " overrides (admin API)."
      })
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin LayerOptions options = new LayerOptions();

    @Override
    public Integer call() throws InterruptedException {
      App app = App.start(options.layers(), Clock.systemUTC());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.close();
                    stopped.countDown();
                  },
                  "calendarbot-shutdown"));
      stopped.await();
      return 0;
    }
  }

  /** {@code calendarbot config}: the configuration commands. */
  @Command(
      name = "config",
      mixinStandardHelpOptions = true,
      description = "Configuration commands.",
      subcommands = {ConfigShow.class})
  static final class ConfigCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /**
   * {@code calendarbot config show}: every key's effective value and origin, as {@code serve} with
   * the same options would start, including the runtime overrides stored in the data dir's database
   * when it exists (none is created).
   */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Prints every setting's effective value and where it came from (default, file:line, env,"
            + " flag, runtime); secrets as ***. Reads runtime overrides from the database in the"
            + " data dir if it exists."
      })
  static final class ConfigShow implements Callable<Integer> {
    @CommandLine.Mixin LayerOptions options = new LayerOptions();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of {key, value, origin, live}.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
      ConfigLayers layers = options.layers();
      AppConfig base = layers.load();
      Path db = base.dataDir().resolve(App.DATABASE_FILE);
      Map<String, OverrideStore.StoredOverride> overrides = Map.of();
      if (Files.isRegularFile(db)) {
        try (Database database = Database.open(db)) {
          overrides = new ConfigStore(database).load();
        }
      }
      ConfigSnapshot snapshot = ConfigService.preview(layers, overrides);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(snapshot.entries()));
      } else {
        out.print(table(snapshot.entries()));
      }
      out.flush();
      return 0;
    }

    /** One line per key: key, value, origin; restart-only keys marked. */
    static String table(List<ConfigEntry> entries) {
      int keyWidth = entries.stream().mapToInt(e -> e.key().length()).max().orElse(0);
      int valueWidth =
          Math.min(
              40,
              entries.stream()
                  .mapToInt(e -> String.valueOf(e.value() == null ? "-" : e.value()).length())
                  .max()
                  .orElse(0));
      StringBuilder b = new StringBuilder();
      for (ConfigEntry e : entries) {
        String value = e.value() == null ? "-" : e.value();
        b.append(
            String.format(
                "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%s%n",
                e.key(),
                value,
                e.origin(),
                e.live() ? "" : "  [restart]"));
      }
      return b.toString();
    }
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"calendarbot " + App.version()};
    }
  }
}
