package calendarbot.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves one feed file on 127.0.0.1 for the end-to-end benchmarks. Every answer is a 200 with a new
 * ETag ({@code If-None-Match} is ignored), so each refresh of the server under test really
 * downloads, parses, expands and stores the whole feed: never a 304. Stops by itself after
 * MAX_SECONDS.
 *
 * <pre>
 * java -cp ... calendarbot.bench.FeedServer FEED.ics PORT_FILE [MAX_SECONDS=1800]
 * </pre>
 *
 * Binds an ephemeral port and writes it to PORT_FILE once listening.
 */
public final class FeedServer {
  private FeedServer() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] body = Files.readAllBytes(Path.of(args[0]));
    Path portFile = Path.of(args[1]);
    long maxSeconds = args.length > 2 ? Long.parseLong(args[2]) : 1800;
    AtomicLong served = new AtomicLong();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        (HttpExchange ex) -> {
          try (ex) {
            long n = served.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "text/calendar; charset=utf-8");
            ex.getResponseHeaders().set("ETag", "\"v" + n + "\"");
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
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.sleep(maxSeconds * 1000);
    server.stop(0);
    System.err.println("FeedServer: served " + served.get() + " feeds, stopping after time limit");
    System.exit(0);
  }
}
