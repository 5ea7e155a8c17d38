/*
 * A thin PKCS#11 module that forwards every call to a real module (SoftHSM2) and can be told,
 * through environment variables, to behave like slower or failing hardware:
 *
 *   IMZA_SHIM_TARGET      path of the real module (required)
 *   IMZA_SHIM_DELAY_MS    sleep this long in every C_Sign (a slow smart card)
 *   IMZA_SHIM_FAIL_AFTER  after this many successful C_Sign calls, act as if the token was
 *                         pulled out: C_Sign*, C_GetTokenInfo, C_OpenSession return
 *                         CKR_DEVICE_REMOVED / CKR_TOKEN_NOT_PRESENT
 *   IMZA_SHIM_FAIL_RV     what C_Sign* return once "pulled out" (hex; default CKR_DEVICE_REMOVED),
 *                         e.g. 0xB3 CKR_SESSION_HANDLE_INVALID as middleware says after a re-insert
 *   IMZA_SHIM_RV_SIGN, IMZA_SHIM_RV_SIGNINIT, IMZA_SHIM_RV_LOGIN (user logins only),
 *   IMZA_SHIM_RV_OPENSESSION, IMZA_SHIM_RV_GETTOKENINFO
 *                         a CKR_* code (hex) the call returns instead of doing anything, as real
 *                         middleware does: 0x30 DEVICE_ERROR, 0xE1 TOKEN_NOT_RECOGNIZED, 0xA3
 *                         PIN_EXPIRED (C_Login returns it after logging in, PKCS#11 v2.40 5.6),
 *                         0x54 FUNCTION_NOT_SUPPORTED
 *   IMZA_SHIM_COUNT_FILE  append one line per C_Sign call (to count token signatures), and one
 *                         "C_Login(CONTEXT_SPECIFIC)" line per successful context-specific login
 *   IMZA_SHIM_EXTRA_FLAGS token flags (hex) OR-ed into C_GetTokenInfo, e.g. 0x20000 for
 *                         CKF_USER_PIN_FINAL_TRY, 0x40000 for CKF_USER_PIN_LOCKED
 *   IMZA_SHIM_PINPAD_PIN  act as a reader with a PIN pad: the token reports
 *                         CKF_PROTECTED_AUTHENTICATION_PATH and a C_Login without a PIN logs in
 *                         with this PIN, as if the user had typed it on the reader
 *
 * Used by the tests and benchmarks only; built on the fly with the system C compiler.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <p11-kit/pkcs11.h>

static CK_FUNCTION_LIST *real;
static CK_FUNCTION_LIST shim;
static long sign_count;

static long env_long(const char *name, long dflt) {
    const char *v = getenv(name);
    return v && *v ? atol(v) : dflt;
}

static void count_line(const char *line) {
    const char *count_file = getenv("IMZA_SHIM_COUNT_FILE");
    if (count_file && *count_file) {
        FILE *f = fopen(count_file, "a");
        if (f) { fputs(line, f); fclose(f); }
    }
}

static CK_RV forced(const char *name) {
    const char *v = getenv(name);
    return v && *v ? (CK_RV)strtoul(v, NULL, 16) : CKR_OK;
}

static CK_RV removed_rv(void) {
    CK_RV rv = forced("IMZA_SHIM_FAIL_RV");
    return rv != CKR_OK ? rv : CKR_DEVICE_REMOVED;
}

static int removed(void) {
    long after = env_long("IMZA_SHIM_FAIL_AFTER", -1);
    return after >= 0 && sign_count >= after;
}

static CK_RV shim_Sign(CK_SESSION_HANDLE s, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR siglen) {
    if (removed()) return removed_rv();
    if (forced("IMZA_SHIM_RV_SIGN") != CKR_OK) return forced("IMZA_SHIM_RV_SIGN");
    long delay = env_long("IMZA_SHIM_DELAY_MS", 0);
    CK_RV rv = real->C_Sign(s, data, len, sig, siglen);
    if (sig != NULL && rv == CKR_OK) {
        if (delay > 0) {
            struct timespec ts = { delay / 1000, (delay % 1000) * 1000000L };
            nanosleep(&ts, NULL);
        }
        sign_count++;
        count_line("C_Sign\n");
    }
    return rv;
}

static CK_RV shim_SignInit(CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k) {
    if (removed()) return removed_rv();
    if (forced("IMZA_SHIM_RV_SIGNINIT") != CKR_OK) return forced("IMZA_SHIM_RV_SIGNINIT");
    return real->C_SignInit(s, m, k);
}

static CK_RV shim_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    if (removed()) return CKR_TOKEN_NOT_PRESENT;
    if (forced("IMZA_SHIM_RV_GETTOKENINFO") != CKR_OK) return forced("IMZA_SHIM_RV_GETTOKENINFO");
    CK_RV rv = real->C_GetTokenInfo(slot, info);
    if (rv == CKR_OK) {
        const char *extra = getenv("IMZA_SHIM_EXTRA_FLAGS");
        if (extra && *extra) info->flags |= strtoul(extra, NULL, 16);
        const char *pad = getenv("IMZA_SHIM_PINPAD_PIN");
        if (pad && *pad) info->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
    }
    return rv;
}

static CK_RV shim_Login(CK_SESSION_HANDLE s, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
    const char *pad = getenv("IMZA_SHIM_PINPAD_PIN");
    CK_RV rv;
    if (pin == NULL && pad && *pad)
        rv = real->C_Login(s, user, (CK_UTF8CHAR_PTR)pad, strlen(pad));
    else
        rv = real->C_Login(s, user, pin, len);
    if (rv == CKR_OK && user == CKU_CONTEXT_SPECIFIC) count_line("C_Login(CONTEXT_SPECIFIC)\n");
    if (rv == CKR_OK && user == CKU_USER && forced("IMZA_SHIM_RV_LOGIN") != CKR_OK) return forced("IMZA_SHIM_RV_LOGIN");
    return rv;
}

static CK_RV shim_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify,
                              CK_SESSION_HANDLE_PTR session) {
    if (removed()) return CKR_TOKEN_NOT_PRESENT;
    if (forced("IMZA_SHIM_RV_OPENSESSION") != CKR_OK) return forced("IMZA_SHIM_RV_OPENSESSION");
    return real->C_OpenSession(slot, flags, app, notify, session);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (real == NULL) {
        const char *target = getenv("IMZA_SHIM_TARGET");
        if (!target) return CKR_GENERAL_ERROR;
        void *h = dlopen(target, RTLD_NOW | RTLD_LOCAL);
        if (!h) return CKR_GENERAL_ERROR;
        CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(h, "C_GetFunctionList");
        if (!get || get(&real) != CKR_OK) return CKR_GENERAL_ERROR;
        memcpy(&shim, real, sizeof shim);
        shim.C_Sign = shim_Sign;
        shim.C_SignInit = shim_SignInit;
        shim.C_GetTokenInfo = shim_GetTokenInfo;
        shim.C_OpenSession = shim_OpenSession;
        shim.C_Login = shim_Login;
    }
    *list = &shim;
    return CKR_OK;
}
