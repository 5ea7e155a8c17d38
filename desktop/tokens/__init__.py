"""PKCS#11 tokens: finding modules, listing cards and certificates, logging in, signers.

Layers, each knowing only those before it:
  openssl, discovery  loading PKCS#11 modules (setting, IMZA_PKCS11_MODULE, p11-kit, well-known paths)
  certs               CertificateEntry: a certificate on a token, as a person reads it
  errors              every PKCS#11 error in words (token_error, token_errors, GONE): the only
                      place that maps CKR_* codes; nothing outside desktop/tokens names one
  cards               a card with two PINs (OpenSC's "(PIN1)"/"(PIN2)" tokens) as one card;
                      PINs named ("signing PIN", "authentication PIN")
  signer              CardSigner: pyhanko's PKCS11Signer with a PIN per signature for keys
                      with CKA_ALWAYS_AUTHENTICATE, and card errors as TokenError
  session             list_tokens, choose_token/choose_certificate, TokenSession (login, signer)
  auth, pin           portal login signatures; PIN change and unblock
  watch               TokenWatcher: what is present now, followed live (readers, cards)

No Qt here. The GUI observes `watch.Snapshot` values produced by this package.
"""
