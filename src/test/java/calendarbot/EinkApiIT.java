package calendarbot;

import static org.assertj.core.api.Assertions.assertThat;

import calendarbot.testing.AppFixture;
import calendarbot.testing.RunningApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The e-ink image over real HTTP: the real App on port 0, a loopback feed, real SQLite. */
class EinkApiIT {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Monday 2026-11-23 10:10 in Berlin: "Architecture review" (10:00–11:00) is in progress. */
  private static final String NOW = "2026-11-23T09:10:00Z";

  private static final String PATH = "/api/whats-next/image.png";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private AppFixture fixture;
  private RunningApp app;

  @BeforeEach
  void setUp() {
    fixture = AppFixture.serving("api-day.ics", NOW, dataDir);
    app = fixture.startReady();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private HttpResponse<byte[]> get(String path, String ifNoneMatch)
      throws IOException, InterruptedException {
    return ifNoneMatch == null
        ? app.getBytes(path)
        : app.getBytes(path, "If-None-Match", ifNoneMatch);
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static BufferedImage decode(HttpResponse<byte[]> r) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(r.body()));
  }

  private static Set<Integer> colours(BufferedImage image) {
    Set<Integer> out = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return out;
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void image_noParameters_is800x480BlackAndWhitePng() throws Exception {
    HttpResponse<byte[]> r = get(PATH, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(etag(r)).matches("\"[0-9a-f]{32}\"");
    BufferedImage image = decode(r);
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(480);
    assertThat(colours(image)).containsExactlyInAnyOrder(0x000000, 0xFFFFFF);
  }

  @Test
  void image_400x300Bwr_usesBlackWhiteAndRedOnly() throws Exception {
    HttpResponse<byte[]> r = get(PATH + "?width=400&height=300&palette=bwr", null);

    assertThat(r.statusCode()).isEqualTo(200);
    BufferedImage image = decode(r);
    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(300);
    // Red: the in-progress marker of "Architecture review".
    assertThat(colours(image)).containsExactlyInAnyOrder(0x000000, 0xFFFFFF, 0xFF0000);
  }

  @Test
  void image_gray4_usesAtMostFourGreys() throws Exception {
    BufferedImage image = decode(get(PATH + "?palette=gray4", null));

    assertThat(colours(image)).isSubsetOf(0x000000, 0x555555, 0xAAAAAA, 0xFFFFFF);
  }

  @Test
  void image_ifNoneMatchCurrentEtag_answers304WithoutBody() throws Exception {
    HttpResponse<byte[]> first = get(PATH, null);

    HttpResponse<byte[]> again = get(PATH, etag(first));

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(etag(again)).isEqualTo(etag(first));
    assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void image_sameDataAndTime_sameEtag_clockMoves_newEtag() throws Exception {
    String first = etag(get(PATH, null));
    String second = etag(get(PATH, null));
    fixture.clock().advance(Duration.ofMinutes(1));

    HttpResponse<byte[]> later = get(PATH, first);

    assertThat(second).isEqualTo(first);
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(etag(later)).isNotEqualTo(first);
  }

  @Test
  void image_feedChanges_newEtagAndFullAnswer() throws Exception {
    HttpResponse<byte[]> before = get(PATH, null);
    fixture
        .feeds()
        .path("/work.ics")
        .etag("\"v2\"")
        .body(fixture.feed().replace("SUMMARY:Planning", "SUMMARY:Planning (moved to room 7)"));
    HttpResponse<byte[]> refresh =
        app.exchange("POST", "/api/refresh", null, HttpResponse.BodyHandlers.ofByteArray());

    HttpResponse<byte[]> after = get(PATH, etag(before));

    assertThat(refresh.statusCode()).isEqualTo(200);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(etag(after)).isNotEqualTo(etag(before));
    assertThat(decode(after).getWidth()).isEqualTo(800);
  }

  @Test
  void image_debugTime_rendersThatInstant() throws Exception {
    String now = etag(get(PATH, null));

    HttpResponse<byte[]> r = get(PATH + "?debug_time=2026-11-23T16:05:00%2B01:00", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(etag(r)).isNotEqualTo(now);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "width=100 | width | width must be an integer between 200 and 1600, but was '100'",
        "width=wide | width | width must be an integer between 200 and 1600, but was 'wide'",
        "height=5000 | height | height must be an integer between 200 and 1200, but was '5000'",
        "palette=cmyk | palette | palette must be one of bw, bwr, gray4, but was 'cmyk'",
        "debug_time=noon | debug_time | debug_time must be an ISO-8601",
      })
  void image_invalidParameter_answers400ProblemNamingIt(
      String query, String parameter, String detail) throws Exception {
    HttpResponse<byte[]> r = get(PATH + "?" + query, null);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json(r);
    assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
    assertThat(problem.get("detail").asText()).startsWith(detail);
  }
}
