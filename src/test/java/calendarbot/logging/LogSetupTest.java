package calendarbot.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link LogSetup} configuring a context of the test's own: text by default, one JSON object per
 * line with {@code CALENDARBOT_LOG_FORMAT=json}, the level, the quiet libraries, an operator's own
 * file; and the real context of this JVM, configured by it through {@code ServiceLoader}.
 */
class LogSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoggerContext context = new LoggerContext();
  private final Map<String, String> settings = new HashMap<>();

  @AfterEach
  void stop() {
    context.stop();
  }

  private static List<Appender<ILoggingEvent>> appenders(LoggerContext context) {
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    Iterator<Appender<ILoggingEvent>> it =
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    it.forEachRemaining(appenders::add);
    return appenders;
  }

  /** The one appender the root logger writes to, after {@link LogSetup} with {@code format}. */
  private OutputStreamAppender<ILoggingEvent> configured(String format) {
    if (format != null) {
      settings.put("CALENDARBOT_LOG_FORMAT", format);
    }
    assertThat(new LogSetup(settings::get).configure(context))
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    List<Appender<ILoggingEvent>> appenders = appenders(context);
    assertThat(appenders).hasSize(1);
    return (OutputStreamAppender<ILoggingEvent>) appenders.get(0);
  }

  private LoggingEvent event(String message, Throwable error, Object... args) {
    LoggingEvent e =
        new LoggingEvent(
            Logger.class.getName(),
            context.getLogger("calendarbot.web.Problems"),
            Level.ERROR,
            message,
            error,
            args);
    e.setMDCPropertyMap(Map.of("request_id", "req-42"));
    return e;
  }

  private static String encode(Encoder<ILoggingEvent> encoder, ILoggingEvent e) {
    return new String(encoder.encode(e), StandardCharsets.UTF_8);
  }

  @Test
  void configure_noFormatGiven_writesTheTextLine() {
    OutputStreamAppender<ILoggingEvent> appender = configured(null);

    String line = encode(appender.getEncoder(), event("web: {} failed", null, "GET /x"));

    assertThat(appender.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(line).matches("\\S+Z ERROR \\[\\S+] Problems - web: GET /x failed\\R");
  }

  @Test
  void configure_jsonFormat_writesOneValidJsonObjectPerLineWithRequestIdAndCause()
      throws Exception {
    OutputStreamAppender<ILoggingEvent> appender = configured("json");

    String line =
        encode(
            appender.getEncoder(),
            event(
                "web: {} \"quoted\"\nsecond line\tand tab",
                new IllegalStateException("boom", new java.io.IOException("disk")),
                "GET /api/events"));

    assertThat(appender.getEncoder()).isInstanceOf(JsonEncoder.class);
    assertThat(line).endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = JSON.readTree(line);
    assertThat(json.get("timestamp").isNumber()).isTrue();
    assertThat(json.get("level").asText()).isEqualTo("ERROR");
    assertThat(json.get("loggerName").asText()).isEqualTo("calendarbot.web.Problems");
    assertThat(json.get("threadName").asText()).isNotEmpty();
    assertThat(json.get("mdc").get("request_id").asText()).isEqualTo("req-42");
    assertThat(json.get("formattedMessage").asText())
        .isEqualTo("web: GET /api/events \"quoted\"\nsecond line\tand tab");
    assertThat(json.get("throwable").get("className").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(json.get("throwable").get("message").asText()).isEqualTo("boom");
    assertThat(json.get("throwable").get("cause").get("className").asText())
        .isEqualTo("java.io.IOException");
    // Off on purpose: noise for a shipper (sequence, nanoseconds, context, the raw pattern).
    assertThat(json.has("message")).isFalse();
    assertThat(json.has("context")).isFalse();
  }

  @Test
  void configure_jsonFormat_lineWithoutErrorIsValidJsonToo() throws Exception {
    OutputStreamAppender<ILoggingEvent> appender = configured("json");

    JsonNode json = JSON.readTree(encode(appender.getEncoder(), event("app: started", null)));

    assertThat(json.get("formattedMessage").asText()).isEqualTo("app: started");
    assertThat(json.get("throwable").isNull()).isTrue();
  }

  @Test
  void configure_unknownFormat_writesTextAndSaysWhatIsAllowed() {
    OutputStreamAppender<ILoggingEvent> appender = configured("yaml");

    assertThat(appender.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(LogSetup.problems("yaml", null))
        .containsExactly(
            "logging: CALENDARBOT_LOG_FORMAT must be text or json, but was 'yaml'; writing text");
  }

  @Test
  void configure_level_setsTheRootLevelAndQuietsChattyLibraries() {
    settings.put("CALENDARBOT_LOG_LEVEL", "debug");

    configured(null);

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("org.apache.hc.client5.http").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("calendarbot.web").getEffectiveLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void configure_unknownLevel_usesInfoAndSaysWhatIsAllowed() {
    settings.put("CALENDARBOT_LOG_LEVEL", "verbose");

    configured(null);

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    assertThat(LogSetup.problems(null, "verbose"))
        .containsExactly(
            "logging: CALENDARBOT_LOG_LEVEL must be one of ALL, TRACE, DEBUG, INFO, WARN, ERROR,"
                + " OFF, but was 'verbose'; using INFO");
    assertThat(LogSetup.problems("json", "warn")).isEmpty();
  }

  @Test
  void configure_operatorsOwnFile_leavesTheContextToLogback() {
    settings.put("logback.configurationFile", "/etc/calendarbot/logback.xml");

    assertThat(new LogSetup(settings::get).configure(context))
        .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(appenders(context)).isEmpty();
  }

  @Test
  void serviceLoader_configuresThisJvmsLogbackWithoutXml() {
    LoggerContext real = (LoggerContext) LoggerFactory.getILoggerFactory();

    List<Appender<ILoggingEvent>> appenders = appenders(real);

    // STDERR is LogSetup's appender; logback's fallback (BasicConfigurator) would name it
    // "console".
    assertThat(appenders).extracting(Appender::getName).contains("STDERR");
    assertThat(LogSetup.class.getResource("/logback.xml")).isNull();
  }
}
