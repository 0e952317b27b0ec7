package org.orderplatform.notification.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer's channels: the log, a webhook URL, an e-mail address. A customer who never chose
 * gets {@link #DEFAULT}, the log only.
 */
public record Preferences(boolean log, Optional<URI> webhook, Optional<String> email) {

  public static final Preferences DEFAULT = new Preferences(true, Optional.empty(), Optional.empty());

  static final int MAX_URL = 2_000;
  static final int MAX_ADDRESS = 254;
  // Plausible, not RFC 5322: one @, a dot in the domain, no spaces or controls (CR/LF would let a
  // stored address inject mail headers).
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

  public boolean wants(ChannelName channel) {
    return switch (channel) {
      case LOG -> log;
      case WEBHOOK -> webhook.isPresent();
      case EMAIL -> email.isPresent();
    };
  }

  /** Where a message over {@code channel} goes, as notifications record it. */
  public String recipient(ChannelName channel) {
    return switch (channel) {
      case LOG -> "log";
      case WEBHOOK -> webhook.map(URI::toString).orElseThrow();
      case EMAIL -> email.orElseThrow();
    };
  }

  /** What a customer asked for, checked: the preferences, or every reason they are not valid. */
  public sealed interface Checked {
    record Valid(Preferences preferences) implements Checked {
    }

    record Invalid(List<String> violations) implements Checked {
    }
  }

  /** Checks raw input: {@code webhookUrl} and {@code emailAddress} may be null (channel off). */
  public static Checked check(boolean log, String webhookUrl, String emailAddress) {
    List<String> violations = new ArrayList<>();
    Optional<URI> webhook = Optional.empty();
    if (webhookUrl != null) {
      webhook = webhookUrl(webhookUrl, violations);
    }
    Optional<String> email = Optional.empty();
    if (emailAddress != null) {
      if (emailAddress.length() > MAX_ADDRESS || !ADDRESS.matcher(emailAddress).matches()) {
        violations.add("email.address must be an e-mail address such as a@example.com (at most " + MAX_ADDRESS
            + " characters)");
      } else {
        email = Optional.of(emailAddress);
      }
    }
    return violations.isEmpty() ? new Checked.Valid(new Preferences(log, webhook, email))
        : new Checked.Invalid(List.copyOf(violations));
  }

  private static Optional<URI> webhookUrl(String text, List<String> violations) {
    String problem = "webhook.url must be an absolute http or https URL with a host (at most " + MAX_URL
        + " characters)";
    if (text.length() > MAX_URL) {
      violations.add(problem);
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
          && uri.getRawFragment() == null) {
        return Optional.of(uri);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    violations.add(problem + ", without user info or fragment");
    return Optional.empty();
  }
}
