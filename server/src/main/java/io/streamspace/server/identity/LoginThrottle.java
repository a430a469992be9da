package io.streamspace.server.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Counts failed password logins per username and per client address in {@code login_throttle}
 * (shared by replicas, and there in standalone mode too) and locks a subject that fails too often,
 * as {@link LoginProtectionProperties} says. Every method runs its JDBC on {@code boundedElastic}.
 */
@Component
public class LoginThrottle {

  private final JdbcTemplate jdbc;
  private final LoginProtectionProperties properties;
  private final Clock clock = Clock.systemUTC();

  public LoginThrottle(DataSource dataSource, LoginProtectionProperties properties) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.properties = properties;
  }

  /** How long logins for {@code username} from {@code address} stay locked, if they are. */
  public Mono<Optional<Duration>> lockedFor(String username, String address) {
    return Mono.fromCallable(
            () -> {
              Instant now = clock.instant();
              List<Timestamp> until =
                  jdbc.queryForList(
                      "select locked_until from login_throttle where subject in (?, ?)"
                          + " and locked_until > ?",
                      Timestamp.class,
                      userSubject(username),
                      addressSubject(address),
                      Timestamp.from(now));
              return until.stream()
                  .map(Timestamp::toInstant)
                  .max(Instant::compareTo)
                  .map(latest -> Duration.between(now, latest));
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Counts a failure of {@code username} from {@code address}, locking either when it is due. */
  public Mono<Void> failed(String username, String address) {
    return Mono.<Void>fromRunnable(
            () -> {
              count(userSubject(username), properties.maxFailuresPerUsername());
              if (address != null) {
                count(addressSubject(address), properties.maxFailuresPerAddress());
              }
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * Forgets the failures of {@code username} after it logged in; the address's stay, so one good
   * account does not reset the count of guesses made from the same place at others.
   */
  public Mono<Void> succeeded(String username) {
    return Mono.<Void>fromRunnable(
            () ->
                jdbc.update("delete from login_throttle where subject = ?", userSubject(username)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private void count(String subject, int maxFailures) {
    Instant now = clock.instant();
    Timestamp at = Timestamp.from(now);
    Timestamp windowStart = Timestamp.from(now.minus(properties.window()));
    // lockouts are forgotten after a quiet day, so an old lockout does not lengthen a new one
    Timestamp quietSince = Timestamp.from(now.minus(Duration.ofDays(1)));
    List<int[]> counted =
        jdbc.query(
            """
            insert into login_throttle (subject, failures, window_started_at, lockouts, updated_at)
            values (?, 1, ?, 0, ?)
            on conflict (subject) do update set
                failures = case when login_throttle.window_started_at < ? then 1
                                else login_throttle.failures + 1 end,
                window_started_at = case when login_throttle.window_started_at < ? then ?
                                         else login_throttle.window_started_at end,
                lockouts = case when login_throttle.updated_at < ? then 0
                                else login_throttle.lockouts end,
                updated_at = ?
            returning failures, lockouts
            """,
            (rs, row) -> new int[] {rs.getInt("failures"), rs.getInt("lockouts")},
            subject,
            at,
            at,
            windowStart,
            windowStart,
            at,
            quietSince,
            at);
    if (counted.isEmpty() || counted.get(0)[0] < maxFailures) {
      return;
    }
    Duration lockout = lockoutAfter(counted.get(0)[1]);
    jdbc.update(
        "update login_throttle set locked_until = ?, lockouts = lockouts + 1, failures = 0,"
            + " window_started_at = ? where subject = ?",
        Timestamp.from(now.plus(lockout)),
        at,
        subject);
  }

  /** The lockout that follows {@code earlierLockouts}: the first one, doubled each time, capped. */
  Duration lockoutAfter(int earlierLockouts) {
    Duration lockout = properties.firstLockout();
    for (int i = 0; i < earlierLockouts && lockout.compareTo(properties.maxLockout()) < 0; i++) {
      lockout = lockout.multipliedBy(2);
    }
    return lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
  }

  /** Forgets subjects nobody has tried for a day, so guesses at random names do not pile up. */
  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
  public void forgetQuietSubjects() {
    jdbc.update(
        "delete from login_throttle where updated_at < ? and (locked_until is null"
            + " or locked_until < ?)",
        Timestamp.from(clock.instant().minus(Duration.ofDays(1))),
        Timestamp.from(clock.instant()));
  }

  static String userSubject(String username) {
    return "user:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
  }

  static String addressSubject(String address) {
    // no address (a test client, a unix socket): a subject nobody else has, which never locks
    return address == null ? "ip:-" : "ip:" + address;
  }
}
