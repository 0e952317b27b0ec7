package org.orderplatform.notification.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesTest {

  @Test
  @DisplayName("a customer who never chose is told through the log only")
  void defaultIsLogOnly() {
    assertThat(Preferences.DEFAULT.wants(ChannelName.LOG)).isTrue();
    assertThat(Preferences.DEFAULT.wants(ChannelName.WEBHOOK)).isFalse();
    assertThat(Preferences.DEFAULT.wants(ChannelName.EMAIL)).isFalse();
  }

  @Test
  @DisplayName("an https URL and a plausible address are taken, and switch their channels on")
  void valid() {
    Preferences.Checked checked = Preferences.check(false, "https://hooks.example.com/orders?x=1", "a@b.co");
    assertThat(checked).isEqualTo(new Preferences.Checked.Valid(new Preferences(false,
        Optional.of(URI.create("https://hooks.example.com/orders?x=1")), Optional.of("a@b.co"))));
    Preferences preferences = ((Preferences.Checked.Valid) checked).preferences();
    assertThat(preferences.wants(ChannelName.LOG)).isFalse();
    assertThat(preferences.recipient(ChannelName.WEBHOOK)).isEqualTo("https://hooks.example.com/orders?x=1");
    assertThat(preferences.recipient(ChannelName.EMAIL)).isEqualTo("a@b.co");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/x", "javascript:alert(1)", "/relative", "http://", "example.com",
      "http://user:pw@example.com/", "http://example.com/#frag", "http://exa mple.com/", "file:///etc/passwd"})
  @DisplayName("a webhook URL that is not absolute http(s) with a host is refused")
  void badUrls(String url) {
    assertThat(Preferences.check(true, url, null)).isInstanceOfSatisfying(Preferences.Checked.Invalid.class,
        invalid -> assertThat(invalid.violations()).singleElement().asString().startsWith("webhook.url"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "a@b", "@b.c", "a@@b.c", "a b@c.d", "a@b.c\r\nBcc: x@y.z", "a@.c", "a@b."})
  @DisplayName("an address that is not plausible, or would inject a header, is refused")
  void badAddresses(String address) {
    assertThat(Preferences.check(true, null, address)).isInstanceOfSatisfying(Preferences.Checked.Invalid.class,
        invalid -> assertThat(invalid.violations()).singleElement().asString().startsWith("email.address"));
  }

  @Test
  @DisplayName("over-long values are refused")
  void tooLong() {
    assertThat(Preferences.check(true, "https://e.com/" + "a".repeat(Preferences.MAX_URL), null))
        .isInstanceOf(Preferences.Checked.Invalid.class);
    assertThat(Preferences.check(true, null, "a@" + "b".repeat(250) + ".com"))
        .isInstanceOf(Preferences.Checked.Invalid.class);
  }
}
