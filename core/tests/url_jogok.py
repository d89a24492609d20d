from core.testing.url_jogok import AGGREGALT, BEJELENTKEZETT, NYILVANOS, Szabaly

SZABALYOK = [
    Szabaly("kezdolap", BEJELENTKEZETT),
    Szabaly("login", NYILVANOS),
    # Logging out always lands on the login page.
    Szabaly(
        "logout",
        NYILVANOS,
        method="post",
        elvart=dict.fromkeys(["anonim", "mentor", "koordinator", "olvaso", "mentor_b"], "login"),
    ),
    Szabaly("akadalymentesseg", NYILVANOS),
    Szabaly("alkalmak", AGGREGALT),
]

# Second factor (issue 9): any signed-in user may enrol; the backup-code sheet needs a verified session.
SZABALYOK += [
    Szabaly("otp_ellenorzes", BEJELENTKEZETT),
    Szabaly("otp_beallitas", BEJELENTKEZETT),
    Szabaly("otp_tartalek", BEJELENTKEZETT, method="post"),
]
