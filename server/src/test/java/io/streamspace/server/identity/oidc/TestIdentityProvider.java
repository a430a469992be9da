package io.streamspace.server.identity.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * A real OpenID Connect provider for the tests: Spring Authorization Server with its form login, on
 * an embedded Tomcat of its own at a random port, in the test JVM. No Spring Boot and no Spring MVC
 * here (the server's tests must stay reactive): a plain web application context whose security
 * filter chain is the whole provider.
 *
 * <p>The tests control what matters to them: the people (and the claims their tokens carry), and
 * the signing key, which they can rotate and use to sign tokens of their own (a provider-signed
 * token with the wrong audience, an expired one).
 */
final class TestIdentityProvider {

  /** The client the platform is registered as (confidential, PKCE required). */
  static final String CLIENT_ID = "streamspace-web";

  static final String CLIENT_SECRET = "test-client-secret-" + UUID.randomUUID();

  /** Where the tests' own code flow (to obtain API access tokens) is sent back to. */
  static final String TEST_REDIRECT_URI = "http://127.0.0.1/test-callback";

  private static TestIdentityProvider running;

  private final Tomcat tomcat;
  private final File baseDirectory;
  private final AnnotationConfigWebApplicationContext context;
  private final String issuer;
  private final State state;
  private final AtomicInteger keySetReads;

  /** What the provider knows, shared with its Spring context. */
  static final class State {
    final Map<String, Map<String, Object>> claimsByUser = new ConcurrentHashMap<>();
    final Map<String, Map<String, Object>> idTokenOverrides = new ConcurrentHashMap<>();
    final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    volatile RSAKey signingKey = newKey();
    volatile String issuer;
  }

  private static State configuring;

  private TestIdentityProvider(
      Tomcat tomcat,
      File baseDirectory,
      AnnotationConfigWebApplicationContext context,
      String issuer,
      State state,
      AtomicInteger keySetReads) {
    this.keySetReads = keySetReads;
    this.tomcat = tomcat;
    this.baseDirectory = baseDirectory;
    this.context = context;
    this.issuer = issuer;
    this.state = state;
  }

  /** The provider of this test JVM, started on first use. */
  static synchronized TestIdentityProvider get() {
    if (running == null) {
      running = start();
      Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
    }
    return running;
  }

  String issuer() {
    return issuer;
  }

  /** A person who can log in at the provider's form with {@code password}, with these claims. */
  void putUser(String username, String password, Map<String, Object> claims) {
    if (state.users.userExists(username)) {
      state.users.deleteUser(username);
    }
    state.users.createUser(
        User.withUsername(username).password("{noop}" + password).roles("USER").build());
    state.claimsByUser.put(username, Map.copyOf(claims));
  }

  /** Replaces the claims that {@code username}'s next tokens carry. */
  void changeClaims(String username, Map<String, Object> claims) {
    state.claimsByUser.put(username, Map.copyOf(claims));
  }

  /**
   * Makes the provider put these claims into {@code username}'s ID tokens over the genuine ones (a
   * provider misbehaving, or a token replayed from another login), still properly signed.
   */
  void overrideIdTokenClaims(String username, Map<String, Object> claims) {
    state.idTokenOverrides.put(username, Map.copyOf(claims));
  }

  /** The key the provider signs with now (private part included, for tests that forge). */
  RSAKey signingKey() {
    return state.signingKey;
  }

  /** How often the key set has been read (by anyone) since the provider started. */
  int keySetReads() {
    return keySetReads.get();
  }

  /** Switches to a new signing key; the key set then publishes only the new one. */
  RSAKey rotateKey() {
    state.signingKey = newKey();
    return state.signingKey;
  }

  private void stop() {
    try {
      context.close();
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException | RuntimeException e) {
      // the JVM is ending anyway
    }
    // Tomcat's work directory; each test JVM made one under /tmp and left it there
    FileSystemUtils.deleteRecursively(baseDirectory);
  }

  private static TestIdentityProvider start() {
    try {
      File base = Files.createTempDirectory("test-idp").toFile();
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(base.getAbsolutePath());
      Connector connector = new Connector();
      connector.setPort(0);
      connector.setProperty("address", "127.0.0.1");
      tomcat.setConnector(connector);
      Context servletContext = tomcat.addContext("", base.getAbsolutePath());
      // Everything the provider answers comes from its security filters; anything else is 404.
      Tomcat.addServlet(
          servletContext,
          "not-found",
          new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
              response.setStatus(404);
            }
          });
      servletContext.addServletMappingDecoded("/", "not-found");

      AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
      // The security filter chain is the provider; it exists once the context below is refreshed,
      // after Tomcat has started and the port (hence the issuer) is known.
      AtomicInteger keySetReads = new AtomicInteger();
      Filter security =
          (request, response, chain) -> {
            if ("/oauth2/jwks".equals(((HttpServletRequest) request).getRequestURI())) {
              keySetReads.incrementAndGet();
            }
            context
                .getBean("springSecurityFilterChain", Filter.class)
                .doFilter(request, response, chain);
          };
      FilterDef filter = new FilterDef();
      filter.setFilterName("springSecurityFilterChain");
      filter.setFilter(security);
      servletContext.addFilterDef(filter);
      FilterMap mapping = new FilterMap();
      mapping.setFilterName("springSecurityFilterChain");
      mapping.addURLPattern("/*");
      servletContext.addFilterMap(mapping);

      tomcat.start();
      String issuer = "http://127.0.0.1:" + connector.getLocalPort();
      State state = new State();
      state.issuer = issuer;
      synchronized (TestIdentityProvider.class) {
        configuring = state;
        context.setServletContext(servletContext.getServletContext());
        context.register(ProviderConfiguration.class);
        context.refresh();
        configuring = null;
      }
      return new TestIdentityProvider(tomcat, base, context, issuer, state, keySetReads);
    } catch (Exception e) {
      throw new IllegalStateException("the test identity provider did not start", e);
    }
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyID(UUID.randomUUID().toString())
          .generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The provider: Spring Authorization Server with OpenID Connect, and a login form. Registered by
   * hand and deliberately not a {@code @Configuration}, so the server's component scan (which sees
   * the test classes) never picks it up.
   */
  @EnableWebSecurity
  static class ProviderConfiguration {

    private final State state = configuring;

    @Bean
    SecurityFilterChain provider(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
          .formLogin(Customizer.withDefaults())
          .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
      return state.users;
    }

    @Bean
    RegisteredClientRepository clients() {
      RegisteredClient platform =
          RegisteredClient.withId(UUID.randomUUID().toString())
              .clientId(CLIENT_ID)
              .clientSecret("{noop}" + CLIENT_SECRET)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              // loopback redirects match on any port (RFC 8252), as the server's port is random
              .redirectUri("http://127.0.0.1/login/oauth2/code/sas")
              .redirectUri(TEST_REDIRECT_URI)
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.PROFILE)
              .scope(OidcScopes.EMAIL)
              .clientSettings(
                  ClientSettings.builder()
                      .requireProofKey(true)
                      .requireAuthorizationConsent(false)
                      .build())
              .build();
      return new InMemoryRegisteredClientRepository(platform);
    }

    @Bean
    JWKSource<SecurityContext> keys() {
      return (selector, context) -> selector.select(new JWKSet(state.signingKey));
    }

    /** For the provider's own user-info endpoint, which OpenID Connect support brings along. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().issuer(state.issuer).build();
    }

    /** The person's claims go into both the ID token and the access token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return context -> {
        Map<String, Object> claims = state.claimsByUser.get(context.getPrincipal().getName());
        if (claims != null) {
          context.getClaims().claims(all -> all.putAll(claims));
        }
        Map<String, Object> overrides =
            state.idTokenOverrides.get(context.getPrincipal().getName());
        if (overrides != null
            && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          context.getClaims().claims(all -> all.putAll(overrides));
        }
      };
    }
  }
}
