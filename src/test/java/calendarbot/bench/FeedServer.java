package calendarbot.bench;

import calendarbot.testing.LoopbackProxy;
import calendarbot.testing.TestCertificates;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves one feed file on 127.0.0.1 for the end-to-end benchmarks. Stops by itself after
 * MAX_SECONDS.
 *
 * <pre>
 * java -cp ... calendarbot.bench.FeedServer FEED.ics PORT_FILE [MAX_SECONDS=1800] [key=value ...]
 *   change_every=1   the feed "changes" (new ETag, If-None-Match ignored) every N-th request;
 *                    1 = every answer is a 200 with a new ETag (a real download + parse + store on
 *                    every refresh); 0 = never: a matching If-None-Match gets a 304
 *   https=TRUST.p12  serve over TLS with a self-signed loopback certificate, written to TRUST.p12
 *                    (PKCS12, password changeit) for the server's tls.trust_store
 *   rtt_ms=0         put a {@link LoopbackProxy} in front: half the round trip on every chunk each
 *                    way, one more round trip before a new connection's first byte (the TCP
 *                    handshake); PORT_FILE then names the proxy's port
 * </pre>
 *
 * Binds an ephemeral port and writes it to PORT_FILE once listening. On exit (time limit) prints
 * the requests served, 304s, and with a proxy the connections it accepted.
 */
public final class FeedServer {
  private FeedServer() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] body = Files.readAllBytes(Path.of(args[0]));
    Path portFile = Path.of(args[1]);
    long maxSeconds = args.length > 2 ? Long.parseLong(args[2]) : 1800;
    Map<String, String> opts = new HashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    long changeEvery = Long.parseLong(opts.getOrDefault("change_every", "1"));
    int rttMs = Integer.parseInt(opts.getOrDefault("rtt_ms", "0"));

    AtomicLong served = new AtomicLong();
    AtomicLong notModified = new AtomicLong();
    AtomicLong version = new AtomicLong(1);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer server;
    if (opts.containsKey("https")) {
      TestCertificates cert = TestCertificates.loopback();
      cert.writeTrustStore(Path.of(opts.get("https")));
      HttpsServer https = HttpsServer.create(loopback, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
      server = https;
    } else {
      server = HttpServer.create(loopback, 64);
    }
    server.createContext(
        "/",
        (HttpExchange ex) -> {
          try (ex) {
            long n = served.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            if (changeEvery > 0 && n % changeEvery == 0) {
              version.incrementAndGet();
            }
            String etag = "\"v" + version.get() + "\"";
            ex.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
              notModified.incrementAndGet();
              ex.sendResponseHeaders(304, -1);
              return;
            }
            if ("HEAD".equals(ex.getRequestMethod())) {
              ex.sendResponseHeaders(200, -1);
              return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          } catch (IOException e) {
            // client went away; nothing to do
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    int port = server.getAddress().getPort();
    LoopbackProxy proxy = null;
    if (rttMs > 0) {
      Duration rtt = Duration.ofMillis(rttMs);
      proxy = LoopbackProxy.start(port, rtt.dividedBy(2), rtt);
      port = proxy.port();
    }
    LoopbackProxy relay = proxy;
    // Printed on the time limit and on SIGTERM alike: the scripts read the counts from it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    System.err.println(
                        "FeedServer: served "
                            + served.get()
                            + " requests ("
                            + notModified.get()
                            + " 304)"
                            + (relay == null ? "" : ", " + relay.accepted() + " connections"))));
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(port));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.sleep(maxSeconds * 1000);
    server.stop(0);
    System.exit(0);
  }
}
