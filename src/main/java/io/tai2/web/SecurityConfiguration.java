package io.tai2.web;

import io.tai2.config.EnvSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what (README "Safety", docs/OPERATIONS.md "Access"). Every request must name one of our hosts
 * ({@link HostCheckFilter}). Loopback bind with no password and no token: everything is open to this machine, scripts
 * (no Origin, no Sec-Fetch-*, no session cookie) write without a CSRF token. {@code TAI2_ADMIN_PASSWORD}: pages need a
 * login (form + session). {@code TAI2_API_TOKEN}: the REST API needs {@code Authorization: Bearer}. Writes from a
 * browser always need a CSRF token; a non-loopback bind without both is refused at start-up ({@link BindGuard}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The single operator account's name; the login form sends it for the operator. */
  static final String ADMIN_USER = "admin";

  /**
   * The REST API: with TAI2_API_TOKEN it needs the bearer token (or a logged-in operator). The pages read through their
   * own paths, so open pages (no TAI2_ADMIN_PASSWORD) still show everything; their buttons call the API and therefore
   * need the password login whenever the API is locked.
   */
  static final String[] API_PATHS = {
    "/state/**",
    "/trades/**",
    "/equity/**",
    "/llm/**",
    "/config/**",
    "/execution/**",
    "/ws/**",
    "/actuator/**",
    "/api/**",
    "/scheduler/**"
  };

  static final String[] PUBLIC_PATHS = {
    "/health",
    "/actuator/health",
    "/actuator/health/**",
    "/login",
    "/error",
    "/webjars/**",
    "/_static/**",
    "/css/**",
    "/js/**",
    "/favicon.ico",
    "/favicon.svg"
  };

  /**
   * For tai2's own pages: no inline script or style (htmx's indicator style is off, see layout.html), nothing from
   * elsewhere, never framed.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self';"
          + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  /**
   * Swagger UI (/docs) sets element styles inline and draws its icons as data: images; scripts stay same-origin. Only
   * its own paths get this, so the looser style rule never covers a trading page.
   */
  static final String DOCS_CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'"
          + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  static final String[] DOCS_PATHS = {
    "/docs", "/docs/**", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**"
  };

  @Bean
  AllowedHosts allowedHosts(EnvSettings settings) {
    return new AllowedHosts(settings.allowedHosts());
  }

  /** The host and origin check runs before Spring Security, on every path (public ones and /health included). */
  @Bean
  FilterRegistrationBean<HostCheckFilter> hostCheckFilter(AllowedHosts hosts) {
    FilterRegistrationBean<HostCheckFilter> registration =
        new FilterRegistrationBean<>(new HostCheckFilter(hosts, Clock.systemUTC()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** {@code tai2.login.base-delay-ms} is for tests only (a short lockout); operators keep the 1 s default. */
  @Bean
  LoginThrottle loginThrottle(@Value("${tai2.login.base-delay-ms:1000}") long baseDelayMillis) {
    return new LoginThrottle(Duration.ofMillis(Math.max(1, baseDelayMillis)), Clock.systemUTC());
  }

  static SecurityProblems.Mode mode(EnvSettings settings) {
    if (settings.apiToken().isPresent()) {
      return SecurityProblems.Mode.TOKEN;
    }
    return settings.adminPassword().isPresent()
        ? SecurityProblems.Mode.PASSWORD_ONLY
        : SecurityProblems.Mode.OPEN;
  }

  /**
   * A request no browser would send: browsers always add {@code Origin} or {@code Sec-Fetch-*} to a POST/PUT/DELETE
   * and a page's requests carry its session cookie. Only in open loopback mode does this spare the CSRF token.
   */
  static boolean fromScript(HttpServletRequest request) {
    return request.getHeader("Origin") == null
        && request.getHeader("Sec-Fetch-Site") == null
        && request.getHeader("Sec-Fetch-Mode") == null
        && request.getRequestedSessionId() == null;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Always defined, so Spring Boot never invents a default user with a logged password. */
  @Bean
  UserDetailsService operators(EnvSettings settings, PasswordEncoder encoder) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    settings
        .adminPassword()
        .ifPresent(
            p ->
                users.createUser(
                    User.withUsername(ADMIN_USER)
                        .password(encoder.encode(p.reveal()))
                        .roles("ADMIN")
                        .build()));
    return users;
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http, EnvSettings settings, LoginThrottle throttle) throws Exception {
    boolean pagesLocked = settings.adminPassword().isPresent();
    boolean apiLocked = pagesLocked || settings.apiToken().isPresent();
    SecurityProblems.Mode mode = mode(settings);
    RequestMatcher api = anyOf(API_PATHS);
    SecurityProblems problems = new SecurityProblems(mode, apiLocked ? api : null);
    BearerTokenFilter bearer =
        new BearerTokenFilter(settings.apiToken(), anyOf(PUBLIC_PATHS), throttle);
    LoginThrottleFilter loginThrottle = new LoginThrottleFilter(throttle);
    RequestMatcher docs = anyOf(DOCS_PATHS);
    RequestMatcher noCsrfNeeded =
        mode == SecurityProblems.Mode.OPEN
            ? request -> BearerTokenFilter.authenticatedByToken(request) || fromScript(request)
            : BearerTokenFilter::authenticatedByToken;

    http.addFilterBefore(bearer, CsrfFilter.class)
        .addFilterBefore(loginThrottle, UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth -> {
              // The request was authorised when it started; its async (SSE) and error dispatches
              // need no second check.
              auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
              auth.requestMatchers(PUBLIC_PATHS).permitAll();
              if (apiLocked) {
                auth.requestMatchers(api).authenticated();
              } else {
                auth.requestMatchers(api).permitAll();
              }
              if (pagesLocked) {
                auth.anyRequest().hasRole("ADMIN");
              } else {
                auth.anyRequest().permitAll();
              }
            })
        .csrf(csrf -> csrf.ignoringRequestMatchers(noCsrfNeeded))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(problems, api)
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                    .accessDeniedHandler(problems))
        .headers(
            headers ->
                headers
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            new NegatedRequestMatcher(docs),
                            new StaticHeadersWriter(
                                "Content-Security-Policy", CONTENT_SECURITY_POLICY)))
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            docs,
                            new StaticHeadersWriter(
                                "Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY)))
                    // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null"
                    // on the pages' own
                    // form posts, which the origin check must refuse.
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    if (pagesLocked) {
      http.formLogin(
              form ->
                  form.loginPage("/login")
                      .successHandler(loginThrottle.successHandler())
                      .failureHandler(loginThrottle.failureHandler())
                      .permitAll())
          .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
    } else {
      http.formLogin(form -> form.disable()).logout(logout -> logout.disable());
    }
    return http.build();
  }

  private static RequestMatcher anyOf(String... patterns) {
    return new OrRequestMatcher(
        Arrays.stream(patterns)
            .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p))
            .toList());
  }
}
