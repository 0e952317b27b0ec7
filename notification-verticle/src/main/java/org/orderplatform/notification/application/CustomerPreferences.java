package org.orderplatform.notification.application;

import io.vertx.core.Future;
import org.orderplatform.notification.domain.Preferences;
import org.orderplatform.notification.persistence.NotificationRepository;

/** Choosing and reading a customer's channels. */
public final class CustomerPreferences {

  private final NotificationRepository repository;

  public CustomerPreferences(NotificationRepository repository) {
    this.repository = repository;
  }

  /** What a customer's messages go through: their own choice, or {@link Preferences#DEFAULT}. */
  public record Effective(Preferences preferences, boolean chosen) {
  }

  /** Stores the preferences when they are valid; the checked input either way. */
  public Future<Preferences.Checked> choose(String customerId, boolean log, String webhookUrl, String emailAddress) {
    Preferences.Checked checked = Preferences.check(log, webhookUrl, emailAddress);
    if (checked instanceof Preferences.Checked.Valid valid) {
      return repository.savePreferences(customerId, valid.preferences()).map(checked);
    }
    return Future.succeededFuture(checked);
  }

  public Future<Effective> of(String customerId) {
    return repository.preferences(customerId).map(found -> found.map(p -> new Effective(p, true))
        .orElse(new Effective(Preferences.DEFAULT, false)));
  }
}
