package dev.hostkeep.backup.repo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * restic's MAC, Poly1305-AES: Poly1305 keyed with {@code r} and {@code s = AES-128_k(nonce)}. One
 * instance per thread.
 *
 * <p>Poly1305 itself runs on the JDK's own implementation when the JVM was started with {@code
 * --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} (the launcher and the tests do): once
 * compiled, the JDK hands it to a stub using the CPU's vector multiply (AVX-512 IFMA, AVX2), which
 * measured 7 to 15 GB/s here against 0.6 GB/s for Bouncy Castle's, which it uses otherwise. The JDK
 * keeps that class internal, hence the reflective access; both give the same tags, which a test
 * checks.
 */
final class Poly1305Aes {
  private static final int BLOCK = 16;
  private static final JdkPoly1305 JDK = JdkPoly1305.find();

  private final Cipher aes;
  private SecretKeySpec initialised;
  private final byte[] key = new byte[32]; // r ‖ s
  private final Object jdk; // the JDK's Poly1305, or null
  private final Poly1305 bouncyCastle;

  private Poly1305Aes(boolean useJdk) {
    try {
      aes = Cipher.getInstance("AES/ECB/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no AES", e);
    }
    jdk = useJdk && JDK != null ? JDK.create() : null;
    bouncyCastle = jdk == null ? new Poly1305() : null;
  }

  /** The fastest this JVM allows. */
  static Poly1305Aes create() {
    return new Poly1305Aes(true);
  }

  /** Bouncy Castle's Poly1305 whatever the JVM allows, for tests. */
  static Poly1305Aes bouncyCastle() {
    return new Poly1305Aes(false);
  }

  /** Whether this instance runs on the JDK's Poly1305. */
  boolean onJdk() {
    return jdk != null;
  }

  /** Writes the 16-byte tag of {@code data[offset..+length)} to {@code out[at..]}. */
  void mac(
      SecretKeySpec k,
      byte[] r,
      byte[] nonce,
      byte[] data,
      int offset,
      int length,
      byte[] out,
      int at) {
    start(k, r, nonce);
    update(data, offset, length);
    finish(out, at);
  }

  /** Starts a tag for {@code nonce}; {@link #update} and {@link #finish} follow. */
  void start(SecretKeySpec k, byte[] r, byte[] nonce) {
    try {
      if (initialised != k) {
        aes.init(Cipher.ENCRYPT_MODE, k);
        initialised = k;
      }
      System.arraycopy(r, 0, key, 0, BLOCK);
      aes.doFinal(nonce, 0, BLOCK, key, BLOCK);
    } catch (GeneralSecurityException e) {
      initialised = null;
      throw new IllegalStateException("AES failed", e);
    }
    if (jdk != null) {
      JDK.init(jdk, key);
    } else {
      bouncyCastle.init(new KeyParameter(key));
    }
  }

  void update(byte[] data, int offset, int length) {
    if (jdk != null) {
      JDK.update(jdk, data, offset, length);
    } else {
      bouncyCastle.update(data, offset, length);
    }
  }

  /** Writes the 16-byte tag of everything {@link #update} was given to {@code out[at..]}. */
  void finish(byte[] out, int at) {
    if (jdk != null) {
      JDK.finish(jdk, out, at);
    } else {
      bouncyCastle.doFinal(out, at);
    }
  }

  /** The JDK's internal {@code com.sun.crypto.provider.Poly1305}, reached by method handles. */
  private record JdkPoly1305(
      Constructor<?> constructor, MethodHandle init, MethodHandle update, MethodHandle doFinal) {

    /** The handles, or null when the JVM does not open that package to us. */
    static JdkPoly1305 find() {
      try {
        Class<?> type = Class.forName("com.sun.crypto.provider.Poly1305");
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        Constructor<?> constructor = type.getDeclaredConstructor(boolean.class);
        constructor.setAccessible(true);
        JdkPoly1305 found =
            new JdkPoly1305(
                constructor,
                lookup.findVirtual(
                    type,
                    "engineInit",
                    MethodType.methodType(void.class, Key.class, AlgorithmParameterSpec.class)),
                lookup.findVirtual(
                    type,
                    "engineUpdate",
                    MethodType.methodType(void.class, byte[].class, int.class, int.class)),
                lookup.findVirtual(type, "engineDoFinal", MethodType.methodType(byte[].class)));
        found.create();
        return found;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null; // not opened (or another JDK's layout): Bouncy Castle it is
      }
    }

    /** A new instance; {@code false}: no weak-key check, restic does not make one either. */
    Object create() {
      try {
        return constructor.newInstance(false);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make the JDK's Poly1305", e);
      }
    }

    void init(Object poly, byte[] key) {
      try {
        init.invoke(poly, (Key) new SecretKeySpec(key, "Poly1305"), (AlgorithmParameterSpec) null);
      } catch (Throwable e) {
        throw new IllegalStateException("the JDK's Poly1305 failed", e);
      }
    }

    void update(Object poly, byte[] data, int offset, int length) {
      try {
        update.invoke(poly, data, offset, length);
      } catch (Throwable e) {
        throw new IllegalStateException("the JDK's Poly1305 failed", e);
      }
    }

    void finish(Object poly, byte[] out, int at) {
      try {
        System.arraycopy((byte[]) doFinal.invoke(poly), 0, out, at, BLOCK);
      } catch (Throwable e) {
        throw new IllegalStateException("the JDK's Poly1305 failed", e);
      }
    }
  }
}
