package calendarbot.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate made in the test (EC P-256, valid from a day ago for a day), for
 * loopback HTTPS servers, and a PKCS12 trust store that trusts it.
 *
 * @param keys the key pair
 * @param certificate the certificate, its subject alternative names as given
 */
public record TestCertificates(KeyPair keys, X509Certificate certificate) {
  public static final String PASSWORD = "changeit";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate for {@code names}: IP literals become IP SANs, the rest DNS SANs. */
  public static TestCertificates selfSigned(String... names) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=calendarbot test " + names[0]);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(1))),
              subject,
              keys.getPublic());
      GeneralName[] sans = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        boolean ip = Character.isDigit(names[i].charAt(0)) || names[i].contains(":");
        sans[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new TestCertificates(keys, cert);
    } catch (Exception e) {
      throw new IllegalStateException("could not make a test certificate: " + e, e);
    }
  }

  /** For 127.0.0.1 and localhost. */
  public static TestCertificates loopback() {
    return selfSigned(InetAddress.getLoopbackAddress().getHostAddress(), "localhost");
  }

  /** A server-side TLS context presenting this certificate. */
  public SSLContext serverContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a PKCS12 trust store (password {@value #PASSWORD}) holding only this certificate. */
  public Path writeTrustStore(Path file) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("feed-server", certificate);
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
