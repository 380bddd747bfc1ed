package calendarbot.connection;

import calendarbot.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS context of feed connections: the JDK's default trust (cacerts, or {@code
 * javax.net.ssl.trustStore}), plus the certificates of {@code tls.trust_store} when set. Never
 * trusts anything else; host-name verification is the client's and always on.
 */
final class FeedTrust {
  private FeedTrust() {}

  /**
   * @param trustStore a PKCS12 file of trusted certificates, or {@code null}
   * @param password its password, or {@code null} for none
   * @throws ConfigException if the file cannot be read as PKCS12
   */
  static SSLContext sslContext(Path trustStore, String password) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager(trustStore, password)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no usable TLS implementation: " + e, e);
    }
  }

  /** The JDK's trust, or it and {@code trustStore}'s. */
  static X509ExtendedTrustManager trustManager(Path trustStore, String password) {
    try {
      X509ExtendedTrustManager jdk = trustManager(null);
      return trustStore == null
          ? jdk
          : new EitherTrustManager(jdk, trustManager(load(trustStore, password)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no usable TLS implementation: " + e, e);
    }
  }

  private static KeyStore load(Path file, String password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password == null ? null : password.toCharArray());
      if (store.size() == 0) {
        throw new ConfigException(
            "tls.trust_store",
            (Throwable) null,
            "tls.trust_store must be a PKCS12 file with at least one certificate, but "
                + file
                + " holds none");
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "tls.trust_store",
          e,
          "tls.trust_store must be a readable PKCS12 file (check tls.trust_store_password), but "
              + file
              + " could not be loaded: "
              + e.getMessage());
    }
  }

  /** The default X.509 trust manager over {@code store} ({@code null}: the JDK's trust). */
  private static X509ExtendedTrustManager trustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException(
        "no X509ExtendedTrustManager from " + factory.getAlgorithm());
  }

  /** Trusts a server chain when either manager does; the first one's rejection is reported. */
  static final class EitherTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager first;
    private final X509ExtendedTrustManager second;

    EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
      this.first = first;
      this.second = second;
    }

    private interface Check {
      void run(X509ExtendedTrustManager m) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
      try {
        check.run(first);
      } catch (CertificateException e) {
        try {
          check.run(second);
        } catch (CertificateException e2) {
          e.addSuppressed(e2);
          throw e;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(m -> m.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(m -> m.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(m -> m.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(Arrays.asList(first.getAcceptedIssuers()));
      all.addAll(Arrays.asList(second.getAcceptedIssuers()));
      return all.toArray(new X509Certificate[0]);
    }
  }
}
