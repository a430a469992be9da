package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each lockout lasts twice as long as the one before, from the first one up to the cap. */
class LoginLockoutLengthTest {

  private final LoginThrottle throttle =
      new LoginThrottle(
          new org.springframework.jdbc.datasource.SimpleDriverDataSource(),
          LoginProtectionProperties.defaults());

  @Test
  void lockoutsDoubleUpToTheCap() {
    assertThat(throttle.lockoutAfter(0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(throttle.lockoutAfter(1)).isEqualTo(Duration.ofMinutes(2));
    assertThat(throttle.lockoutAfter(5)).isEqualTo(Duration.ofMinutes(32));
    assertThat(throttle.lockoutAfter(6)).isEqualTo(Duration.ofHours(1));
    assertThat(throttle.lockoutAfter(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void usernamesAreLockedWhateverTheirCase() {
    assertThat(LoginThrottle.userSubject(" Alice ")).isEqualTo(LoginThrottle.userSubject("alice"));
  }
}
