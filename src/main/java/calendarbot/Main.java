package calendarbot;

import calendarbot.config.AppConfig;
import calendarbot.config.ConfigLoader;
import calendarbot.error.CalendarBotException;
import calendarbot.error.ConfigException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
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

/** Command-line entry point: {@code calendarbot serve [options]}. */
@Command(
    name = "calendarbot",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Self-hosted \"what's next\" calendar server for small hardware.",
    subcommands = {Main.Serve.class, CommandLine.HelpCommand.class})
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

  /** {@code calendarbot serve}: starts the server and runs until SIGTERM/SIGINT. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Starts the server. With no source configured it serves a bundled demo calendar.",
        "Precedence: defaults < --config file < CALENDARBOT_* environment < flags."
      })
  static final class Serve implements Callable<Integer> {
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
            "YAML config file (every setting, per-source name, auth, headers and refresh interval; see README).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
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
      AppConfig cfg =
          new ConfigLoader(ZoneId.systemDefault(), ConfigLoader.defaultDataDir(env))
              .load(config, env, flags, sources);
      App app = App.start(cfg, Clock.systemUTC());
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

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"calendarbot " + App.version()};
    }
  }
}
