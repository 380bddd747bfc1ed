package calendarbot.web;

import calendarbot.flags.FeatureFlags;
import calendarbot.flags.Flag;
import calendarbot.pipeline.CachedResponse;
import calendarbot.pipeline.Features;
import calendarbot.pipeline.RequestKey;
import calendarbot.pipeline.RequestPipeline;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Where routes hand their answers to the {@link RequestPipeline}, and where a ready-to-send answer
 * is written: entity tag and {@code If-None-Match} → 304, gzip when the client accepts it and the
 * answer has a compressed form. The pipeline may be the plain one; the bytes sent are the same.
 *
 * <p>What of the pipeline a request may use is decided per client ({@link ClientIds}) by the
 * feature flags: the same client always takes the same path, and every path answers the same bytes.
 */
final class Answers {
  private static final AttachmentKey<Features> FEATURES = AttachmentKey.create(Features.class);

  private final RequestPipeline pipeline;
  private final FeatureFlags flags;

  Answers(RequestPipeline pipeline, FeatureFlags flags) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.flags = Objects.requireNonNull(flags, "flags");
  }

  /**
   * What of the pipeline this request's client may use, decided once per exchange.
   *
   * @throws calendarbot.error.InvalidRequestException for an invalid {@code X-Client-Id}
   */
  Features features(HttpServerExchange ex) {
    Features f = ex.getAttachment(FEATURES);
    if (f == null) {
      f = features(ClientIds.of(ex));
      ex.putAttachment(FEATURES, f);
    }
    return f;
  }

  /** The features of {@code client}: nothing of the pipeline unless its own flag is on. */
  Features features(String client) {
    if (!flags.enabled(Flag.REQUEST_PIPELINE, client)) {
      return Features.PLAIN;
    }
    return new Features(
        true,
        flags.enabled(Flag.RESPONSE_CACHE, client),
        flags.enabled(Flag.SINGLE_FLIGHT, client),
        flags.enabled(Flag.BATCHING, client));
  }

  /** Answers {@code key} with JSON: 200, strong ETag over the bytes. */
  void json(HttpServerExchange ex, RequestKey key, Supplier<?> answer) {
    if (!pipeline.keepsAnswers() || !features(ex).pipeline()) {
      stream(ex, answer.get());
      return;
    }
    send(ex, key, () -> json(answer.get()));
  }

  /**
   * The plain path: nothing keeps the bytes, so they are never held whole. The answer is serialised
   * twice, once into a checksum for its ETag (the same tag the buffered path computes) and once to
   * the client, which for a 7-day window of a large calendar (768 KB) is what keeps eight
   * concurrent answers and a refresh inside a 64 MB heap.
   */
  private static void stream(HttpServerExchange ex, Object body) {
    CachedResponse.EtagDigest digest = new CachedResponse.EtagDigest();
    try {
      Json.MAPPER.writeValue(digest, body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
    if (HttpCaching.notModified(ex, digest.etag())) {
      return;
    }
    Json.send(ex, 200, body);
  }

  /** Answers {@code key} with what {@code compute} makes (through the pipeline). */
  void send(HttpServerExchange ex, RequestKey key, Supplier<CachedResponse> compute) {
    write(ex, pipeline.handle(key, features(ex), compute));
  }

  /**
   * Computes and stores the answer for {@code key} unless it is cached: no request waits for it.
   */
  void warm(RequestKey key, Supplier<CachedResponse> compute) {
    pipeline.handle(key, compute);
  }

  /**
   * A 200 JSON answer with a strong ETag. The pipeline adds the gzip form when it keeps the answer
   * (compressing once pays only for an answer sent many times).
   */
  static CachedResponse json(Object body) {
    return CachedResponse.of(200, "application/json", Json.bytes(body));
  }

  /** A 200 JSON answer with the given entity tag. */
  static CachedResponse json(Object body, String etag) {
    return CachedResponse.of(200, "application/json", Json.bytes(body), etag);
  }

  static void write(HttpServerExchange ex, CachedResponse r) {
    if (r.status() == 200 && HttpCaching.notModified(ex, r.etag())) {
      return;
    }
    ex.setStatusCode(r.status());
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, r.contentType());
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    byte[] body = r.body();
    if (r.gzipped() != null) {
      ex.getResponseHeaders().put(Headers.VARY, "Accept-Encoding");
      if (acceptsGzip(ex.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING))) {
        ex.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
        body = r.gzipped();
      }
    }
    ex.setResponseContentLength(body.length);
    if (!ex.isBlocking() || ex.isInIoThread()) {
      ex.getResponseSender().send(ByteBuffer.wrap(body));
      return;
    }
    // Blocking write on the worker: the worker stays busy until the client has the answer, so the
    // worker pool bounds the answers in flight. An asynchronous send would free the worker at once
    // and let a slow reader queue one copy of a large answer per request (the plain path's copies
    // are not shared), which ran a 64 MB heap out at 50 req/s of 768 KB answers.
    try (OutputStream out = ex.getOutputStream()) {
      out.write(body);
    } catch (IOException e) {
      // The client went away mid-answer: nothing left to tell it.
      LoggerFactory.getLogger(Answers.class)
          .debug("web: answer to {} not delivered: {}", ex.getRequestPath(), e.toString());
    }
  }

  /** Whether an {@code Accept-Encoding} value accepts gzip (and does not refuse it with q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.trim().split(";");
      String coding = p[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
        for (int i = 1; i < p.length; i++) {
          String q = p[i].trim().replace(" ", "");
          if (q.equals("q=0") || q.equals("q=0.0") || q.equals("q=0.00") || q.equals("q=0.000")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }
}
