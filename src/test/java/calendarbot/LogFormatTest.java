package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code logback.xml}, loaded into a context of the test's own: text by default, one
 * JSON object per line with {@code CALENDARBOT_LOG_FORMAT=json}.
 */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
  }

  /** The one appender the root logger writes to, after loading logback.xml with {@code format}. */
  private OutputStreamAppender<ILoggingEvent> configured(String format) throws Exception {
    if (format != null) {
      // Context properties are looked up before system properties and the environment.
      context.putProperty("CALENDARBOT_LOG_FORMAT", format);
    }
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    joran.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    Iterator<Appender<ILoggingEvent>> it =
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    it.forEachRemaining(appenders::add);
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
  void logback_noFormatGiven_writesTheTextLine() throws Exception {
    OutputStreamAppender<ILoggingEvent> appender = configured(null);

    String line = encode(appender.getEncoder(), event("web: {} failed", null, "GET /x"));

    assertThat(appender.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(line).matches("\\S+Z ERROR \\[\\S+] Problems - web: GET /x failed\\R");
  }

  @Test
  void logback_jsonFormat_writesOneValidJsonObjectPerLineWithRequestIdAndCause() throws Exception {
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
  void logback_jsonFormat_lineWithoutErrorIsValidJsonToo() throws Exception {
    OutputStreamAppender<ILoggingEvent> appender = configured("json");

    JsonNode json = JSON.readTree(encode(appender.getEncoder(), event("app: started", null)));

    assertThat(json.get("formattedMessage").asText()).isEqualTo("app: started");
    assertThat(json.get("throwable").isNull()).isTrue();
  }
}
