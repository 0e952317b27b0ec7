package org.orderplatform.notification;

import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.plumbing.config.Durations;
import org.orderplatform.plumbing.config.Numbers;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How the notification service sends, read once from the environment.
 *
 * @param smtpHost        {@code SMTP_HOST} (127.0.0.1)
 * @param smtpPort        {@code SMTP_PORT} (25)
 * @param from            {@code NOTIFICATION_FROM} (orders@orderplatform.invalid): the mails' sender
 * @param webhookSecret   {@code NOTIFICATION_WEBHOOK_SECRET}: the webhook signing key (its UTF-8 bytes); unset, a
 *                        random one for this run ({@code secretGenerated}), which no receiver can know
 * @param webhookTimeout  {@code NOTIFICATION_WEBHOOK_TIMEOUT} (5s): one POST's limit
 * @param emailTimeout    {@code NOTIFICATION_EMAIL_TIMEOUT} (10s): one mail's limit
 * @param retries         per channel, {@code NOTIFICATION_<CHANNEL>_ATTEMPTS} (5),
 *                        {@code NOTIFICATION_<CHANNEL>_BACKOFF} (200ms) and {@code NOTIFICATION_<CHANNEL>_BACKOFF_MAX}
 *                        (10s): the group's deliveries before a message is dead-lettered
 */
public record NotificationSettings(String smtpHost, int smtpPort, String from, byte[] webhookSecret,
                                   boolean secretGenerated, Duration webhookTimeout, Duration emailTimeout,
                                   Map<ChannelName, RetryPolicy> retries) {

  private static final Duration MAX = Duration.ofMinutes(10);

  public static NotificationSettings from(Function<String, String> env) {
    String secret = env.apply("NOTIFICATION_WEBHOOK_SECRET");
    boolean generated = secret == null || secret.isBlank();
    byte[] key = generated ? randomSecret() : secret.getBytes(StandardCharsets.UTF_8);
    Map<ChannelName, RetryPolicy> retries = new EnumMap<>(ChannelName.class);
    for (ChannelName channel : ChannelName.values()) {
      String prefix = "NOTIFICATION_" + channel.name().toUpperCase(Locale.ROOT) + "_";
      RetryPolicy defaults = RetryPolicy.defaults();
      Duration base = duration(env, prefix + "BACKOFF", defaults.base(), Duration.ZERO);
      Duration cap = duration(env, prefix + "BACKOFF_MAX", defaults.cap().compareTo(base) < 0 ? base : defaults.cap(), base);
      retries.put(channel, new RetryPolicy(Numbers.integer(env.apply(prefix + "ATTEMPTS"), defaults.maxAttempts(),
          prefix + "ATTEMPTS", 1, 100), base, cap));
    }
    String host = env.apply("SMTP_HOST");
    String from = env.apply("NOTIFICATION_FROM");
    return new NotificationSettings(host == null || host.isBlank() ? "127.0.0.1" : host.trim(),
        Numbers.integer(env.apply("SMTP_PORT"), 25, "SMTP_PORT", 1, 65_535),
        from == null || from.isBlank() ? "orders@orderplatform.invalid" : from.trim(), key, generated,
        duration(env, "NOTIFICATION_WEBHOOK_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(1)),
        duration(env, "NOTIFICATION_EMAIL_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(1)),
        Map.copyOf(retries));
  }

  private static byte[] randomSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    // Hex, so a secret set by hand and a generated one are the same kind of text.
    return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }

  private static Duration duration(Function<String, String> env, String name, Duration fallback, Duration min) {
    return Durations.parse(env.apply(name), fallback, name, min, MAX);
  }

  /** The longest one send over the channel may take. */
  public Duration sendLimit(ChannelName channel) {
    return switch (channel) {
      case LOG -> Duration.ZERO;
      case WEBHOOK -> webhookTimeout;
      case EMAIL -> emailTimeout;
    };
  }

  @Override
  public String toString() {
    // Never the secret.
    return "NotificationSettings[smtp=" + smtpHost + ":" + smtpPort + ", from=" + from + ", secretGenerated="
        + secretGenerated + ", webhookTimeout=" + webhookTimeout + ", emailTimeout=" + emailTimeout
        + ", retries=" + retries + "]";
  }
}
