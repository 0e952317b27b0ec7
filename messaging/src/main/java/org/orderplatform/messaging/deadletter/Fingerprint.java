package org.orderplatform.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Groups dead letters that failed for the same reason: type + error class + the message with its
 * variable parts (ids, numbers, quoted values) blanked, so one fix can retry them all at once.
 */
public final class Fingerprint {

  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Fingerprint() {
  }

  public static String normalise(String message) {
    String text = message == null ? "" : message;
    text = UUID.matcher(text).replaceAll("<id>");
    text = QUOTED.matcher(text).replaceAll("<value>");
    text = NUMBER.matcher(text).replaceAll("<n>");
    return SPACES.matcher(text).replaceAll(" ").trim();
  }

  public static String of(String type, String errorClass, String message) {
    String canonical = type + "|" + errorClass + "|" + normalise(message);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
