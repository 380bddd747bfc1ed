package calendarbot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Configures logback in code: one appender to stderr, text or JSON lines, the level from the
 * environment. Found by logback through {@code ServiceLoader} ({@code
 * META-INF/services/ch.qos.logback.classic.spi.Configurator}) before its own XML configurator,
 * which it then skips.
 *
 * <p>Why not {@code logback.xml}: reading XML loads logback's configuration framework (Joran) and
 * the JDK's XML parser, about 600 classes that stay in the metaspace of a JVM meant for a 512 MB Pi
 * for nothing else (docs/BENCHMARKS.md, "Where the settled RSS goes").
 *
 * <p>Read from a system property of the same name, else the environment:
 *
 * <ul>
 *   <li>{@code CALENDARBOT_LOG_FORMAT}: {@code text} (default) or {@code json}; anything else logs
 *       a WARN and uses text.
 *   <li>{@code CALENDARBOT_LOG_LEVEL}: a logback level for the root logger, default {@code INFO}.
 * </ul>
 *
 * <p>An operator's own file still wins: with {@code -Dlogback.configurationFile=...} this does
 * nothing and logback reads that file as usual (the benchmarks use that).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The text line: UTC time, level, thread, logger's simple name, message. No caller data. */
  private static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0} - %msg%n";

  /** Libraries that log too much at INFO for a kiosk's log. */
  private static final List<String> QUIET =
      List.of("org.apache.hc", "io.undertow", "org.xnio", "org.jboss", "net.fortuna", "org.mnode");

  private final UnaryOperator<String> settings;

  /** The one logback calls: settings from system properties, else the environment. */
  public LogSetup() {
    this(name -> System.getProperty(name, System.getenv(name)));
  }

  /** With {@code settings} looked up by name ({@code null} when unset); for tests. */
  LogSetup(UnaryOperator<String> settings) {
    this.settings = settings;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (settings.apply("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String format = settings.apply("CALENDARBOT_LOG_FORMAT");
    String level = settings.apply("CALENDARBOT_LOG_LEVEL");
    boolean json = "json".equals(format);

    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
    stderr.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(stderr);
    root.setLevel(Level.toLevel(level, Level.INFO));
    QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));

    // Logged, not thrown: a wrong logging setting must not keep the kiosk from starting.
    problems(format, level).forEach(context.getLogger(LogSetup.class)::warn);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** What is wrong with the settings, one message each; empty when both are valid or unset. */
  static List<String> problems(String format, String level) {
    List<String> problems = new ArrayList<>(2);
    if (format != null && !"json".equals(format) && !"text".equals(format)) {
      problems.add(
          "logging: CALENDARBOT_LOG_FORMAT must be text or json, but was '"
              + format
              + "'; writing text");
    }
    if (level != null && !level.equalsIgnoreCase(Level.toLevel(level, Level.INFO).levelStr)) {
      problems.add(
          "logging: CALENDARBOT_LOG_LEVEL must be one of ALL, TRACE, DEBUG, INFO, WARN, ERROR, OFF,"
              + " but was '"
              + level
              + "'; using INFO");
    }
    return problems;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /**
   * One JSON object per line for log shippers, logback's own encoder. Fields: timestamp (epoch ms),
   * level, threadName, loggerName, mdc (request_id while a request is handled), formattedMessage,
   * throwable (className, message, stepArray, cause; null if none). Off: the sequence number,
   * nanoseconds, the context, key-value pairs, the raw pattern and its arguments (noise for a
   * shipper).
   */
  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder json = new JsonEncoder();
    json.setContext(context);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithKVPList(false);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    json.start();
    return json;
  }
}
