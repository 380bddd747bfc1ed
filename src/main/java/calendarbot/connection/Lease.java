package calendarbot.connection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operation's hold on a connection: a {@link Connection} view whose first {@code close()} also
 * runs a release action (stop the leak timer, count the connection as returned). Everything else
 * goes straight to the underlying connection.
 */
final class Lease implements InvocationHandler {
  private final Connection target;
  private final Runnable onRelease;
  private final AtomicBoolean released = new AtomicBoolean();

  private Lease(Connection target, Runnable onRelease) {
    this.target = target;
    this.onRelease = onRelease;
  }

  static Connection wrap(Connection target, Runnable onRelease) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Lease(target, onRelease));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("close") && method.getParameterCount() == 0) {
      try {
        target.close();
      } finally {
        if (released.compareAndSet(false, true)) {
          onRelease.run();
        }
      }
      return null;
    }
    if (name.equals("toString") && method.getParameterCount() == 0) {
      return "Lease[" + target + "]";
    }
    if (name.equals("equals") && method.getParameterCount() == 1) {
      return proxy == args[0];
    }
    if (name.equals("hashCode") && method.getParameterCount() == 0) {
      return System.identityHashCode(proxy);
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
