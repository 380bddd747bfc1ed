package calendarbot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on 127.0.0.1 in front of a loopback server: counts the connections it accepts (and
 * how many were open at once), and can delay every chunk by a one-way latency, plus one round trip
 * before a new connection's first byte (the TCP handshake the loopback skips). Bytes pass through
 * untouched, so TLS works end to end. Thread-safe; daemon threads, two or four per connection.
 */
public final class LoopbackProxy implements AutoCloseable {
  private static final byte[] EOF = new byte[0];

  private final ServerSocket listener;
  private final int targetPort;
  private final long oneWayNanos;
  private final long handshakeNanos;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "loopback-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  private LoopbackProxy(int targetPort, Duration oneWay, Duration handshake) throws IOException {
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.oneWayNanos = oneWay.toNanos();
    this.handshakeNanos = handshake.toNanos();
    threads.execute(this::acceptLoop);
  }

  /** A relay that only counts. */
  public static LoopbackProxy counting(int targetPort) {
    return start(targetPort, Duration.ZERO, Duration.ZERO);
  }

  /**
   * A relay that adds {@code oneWay} to every chunk in each direction, and {@code handshake} before
   * a new connection's first byte reaches the server.
   */
  public static LoopbackProxy start(int targetPort, Duration oneWay, Duration handshake) {
    try {
      return new LoopbackProxy(targetPort, oneWay, handshake);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code target} with this proxy's port. */
  public URI uri(URI target) {
    return URI.create(
        target.getScheme()
            + "://127.0.0.1:"
            + port()
            + target.getRawPath()
            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Connections open now (until both directions have ended). */
  public int open() {
    return open.get();
  }

  /** Most connections open at once so far. */
  public int maxOpen() {
    return maxOpen.get();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    sockets.forEach(LoopbackProxy::closeQuietly);
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      long acceptedAt = System.nanoTime();
      accepted.incrementAndGet();
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        AtomicInteger directions = new AtomicInteger(2);
        Runnable ended =
            () -> {
              if (directions.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(server);
                sockets.remove(client);
                sockets.remove(server);
                open.decrementAndGet();
              }
            };
        relay(client, server, acceptedAt + handshakeNanos, ended);
        relay(server, client, acceptedAt, ended);
      } catch (IOException e) {
        closeQuietly(client);
        open.decrementAndGet();
      }
    }
  }

  private record Chunk(long due, byte[] bytes) {}

  /** Copies {@code from} to {@code to}, each chunk delivered one-way latency after it arrived. */
  private void relay(Socket from, Socket to, long notBefore, Runnable ended) {
    if (oneWayNanos == 0 && handshakeNanos == 0) {
      threads.execute(
          () -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream()) {
              OutputStream out = to.getOutputStream();
              for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
              }
              to.shutdownOutput();
            } catch (IOException e) {
              closeQuietly(from);
              closeQuietly(to);
            } finally {
              ended.run();
            }
          });
      return;
    }
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    threads.execute(
        () -> {
          byte[] buf = new byte[65536];
          // The first byte leaves no earlier than notBefore, then travels one way like the rest.
          long last = notBefore + oneWayNanos;
          try {
            InputStream in = from.getInputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
              last = Math.max(System.nanoTime() + oneWayNanos, last);
              queue.add(new Chunk(last, Arrays.copyOf(buf, n)));
            }
          } catch (IOException e) {
            // the other side's reset ends this direction too
          }
          queue.add(new Chunk(Math.max(System.nanoTime() + oneWayNanos, last), EOF));
        });
    threads.execute(
        () -> {
          try {
            OutputStream out = to.getOutputStream();
            while (true) {
              Chunk c = queue.take();
              for (long wait; (wait = c.due() - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
              }
              if (c.bytes() == EOF) {
                to.shutdownOutput();
                break;
              }
              out.write(c.bytes());
              out.flush();
            }
          } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            ended.run();
          }
        });
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /** Waits until {@link #open} is {@code n}; false on timeout. Polls every millisecond. */
  public boolean awaitOpen(int n, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (open.get() != n) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return true;
  }
}
