package io.streamspace.server.identity;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall with its header and parameter rules checked character by
 * character instead of by regular expression: the same rules (every character assigned and no
 * control character, a tab allowed in header values), without a regular-expression match per header
 * on every request, which was 4 % of the HTTP threads' time under load.
 */
final class ExchangeFirewall {

  private ExchangeFirewall() {}

  static StrictServerWebExchangeFirewall strict() {
    StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    firewall.setAllowedHeaderNames(ExchangeFirewall::assignedAndNotControl);
    firewall.setAllowedHeaderValues(ExchangeFirewall::headerValue);
    firewall.setAllowedParameterNames(ExchangeFirewall::assignedAndNotControl);
    return firewall;
  }

  /** Spring's {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
  static boolean assignedAndNotControl(String text) {
    return allowed(text, false);
  }

  /** Spring's {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
  static boolean headerValue(String text) {
    return allowed(text, true);
  }

  private static boolean allowed(String text, boolean tab) {
    if (text == null) {
      return true; // a header asked for and absent: nothing to judge
    }
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (codePoint >= 0x20 && codePoint < 0x7f) {
        i++; // printable ASCII, nearly every character of a request
        continue;
      }
      int type = Character.getType(codePoint);
      if (type == Character.UNASSIGNED
          || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }
}
