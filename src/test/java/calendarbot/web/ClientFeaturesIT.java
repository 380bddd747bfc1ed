package calendarbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.config.PipelineConfig;
import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.flags.FlagState;
import calendarbot.pipeline.Features;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import calendarbot.pipeline.RequestType;
import calendarbot.testing.FakeClock;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client ids ({@link ClientIds}) and the per-client pipeline features ({@link Answers}) over real
 * HTTP, with a test route that answers through {@link Answers}.
 */
class ClientFeaturesIT {
  private final FakeClock clock = FakeClock.at("2026-11-23T09:10:00Z");
  private final AtomicInteger computed = new AtomicInteger();
  private WebHarness web;

  /**
   * A 50% rollout as the real flags would bucket it: {@code kiosk-in} falls inside, {@code
   * kiosk-out} outside, for every flag in {@code on}.
   */
  private record HalfRollout(Set<Flag> on) implements FeatureFlags {
    @Override
    public boolean enabled(Flag flag, String subject) {
      return on.contains(flag) && subject.equals("kiosk-in");
    }

    @Override
    public List<FlagState> states() {
      return List.of();
    }
  }

  /** {@code GET /test/client}: the client id; {@code GET /test/answer}: a JSON answer. */
  private final class TestRoutes implements Routes {
    private final Answers answers;

    TestRoutes(Answers answers) {
      this.answers = answers;
    }

    @Override
    public void register(io.undertow.server.RoutingHandler router) {
      router.get(
          "/test/client",
          Handlers.blocking(ex -> Json.send(ex, 200, Map.of("client", ClientIds.of(ex)))));
      router.get(
          "/test/answer",
          Handlers.blocking(
              ex ->
                  answers.json(
                      ex,
                      RequestKey.builder(RequestType.WHATS_NEXT).put("q", "same").build(),
                      () -> {
                        computed.incrementAndGet();
                        return Map.of("events", List.of("Planning", "Retro"));
                      })));
    }
  }

  private void start(FeatureFlags flags) {
    Answers answers = new Answers(RequestPipeline.create(PipelineConfig.defaults(), clock), flags);
    web = WebHarness.start(WebHarness.admin(60), clock, new TestRoutes(answers));
  }

  @AfterEach
  void tearDown() {
    if (web != null) {
      web.close();
    }
  }

  private String client(String... headers) throws Exception {
    HttpResponse<String> r = web.send("GET", "/test/client", null, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return WebHarness.json(r).get("client").asText();
  }

  @Test
  void clientId_header_wins() throws Exception {
    start(FeatureFlags.allOn());

    assertThat(client("X-Client-Id", "kiosk-1.hall:2", "Cookie", "cb_client=kabc"))
        .isEqualTo("kiosk-1.hall:2");
  }

  @Test
  void clientId_noHeader_isTheCookie() throws Exception {
    start(FeatureFlags.allOn());

    assertThat(client("Cookie", "theme=dark; cb_client=k0123abcd")).isEqualTo("k0123abcd");
  }

  @Test
  void clientId_noHeaderNoCookie_isTheRemoteAddress() throws Exception {
    start(FeatureFlags.allOn());

    assertThat(client()).isEqualTo("127.0.0.1");
  }

  @Test
  void clientId_invalidCookie_isIgnored() throws Exception {
    start(FeatureFlags.allOn());

    assertThat(client("Cookie", "cb_client=" + "x".repeat(65))).isEqualTo("127.0.0.1");
  }

  @Test
  void clientId_invalidHeader_answers400NamingTheHeaderAndRule() throws Exception {
    start(FeatureFlags.allOn());

    for (String bad : List.of("has space", "x".repeat(65), "semi;colon", "ümlaut")) {
      HttpResponse<String> r = web.send("GET", "/test/client", null, "X-Client-Id", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(WebHarness.json(r).get("parameter").asText()).isEqualTo("X-Client-Id");
      assertThat(WebHarness.json(r).get("detail").asText())
          .startsWith("X-Client-Id must be 1-64 characters of");
    }
  }

  @Test
  void answers_twoClientsAtHalfRollout_takeDifferentPathsAndGetTheSameBytes() throws Exception {
    start(new HalfRollout(Set.of(Flag.values())));

    HttpResponse<String> in1 = web.send("GET", "/test/answer", null, "X-Client-Id", "kiosk-in");
    HttpResponse<String> in2 = web.send("GET", "/test/answer", null, "X-Client-Id", "kiosk-in");
    assertThat(computed.get()).as("the pipeline client's second answer is cached").isEqualTo(1);
    HttpResponse<String> out1 = web.send("GET", "/test/answer", null, "X-Client-Id", "kiosk-out");
    HttpResponse<String> out2 = web.send("GET", "/test/answer", null, "X-Client-Id", "kiosk-out");
    assertThat(computed.get()).as("the plain client computes every answer").isEqualTo(3);

    assertThat(List.of(in1, in2, out1, out2))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    assertThat(List.of(in2.body(), out1.body(), out2.body())).containsOnly(in1.body());
    assertThat(out1.headers().firstValue("ETag")).isEqualTo(in1.headers().firstValue("ETag"));
  }

  @Test
  void features_perClient_followTheFlagsAndThePipelineFlagGatesTheRest() {
    Answers answers =
        new Answers(
            RequestPipeline.plain(),
            new HalfRollout(
                Set.of(Flag.REQUEST_PIPELINE, Flag.RESPONSE_CACHE, Flag.SINGLE_FLIGHT)));
    Answers noPipeline =
        new Answers(
            RequestPipeline.plain(),
            new HalfRollout(Set.of(Flag.RESPONSE_CACHE, Flag.SINGLE_FLIGHT, Flag.BATCHING)));

    assertThat(answers.features("kiosk-in")).isEqualTo(new Features(true, true, true, false));
    assertThat(answers.features("kiosk-out")).isEqualTo(Features.PLAIN);
    assertThat(noPipeline.features("kiosk-in")).isEqualTo(Features.PLAIN);
    assertThat(new Answers(RequestPipeline.plain(), FeatureFlags.allOn()).features("any"))
        .isEqualTo(Features.ALL);
  }
}
