# Sample rows for restore_test.sh while `manage.py demo_adatok` is not there:
# run through `manage.py shell -c` (needs factory_boy from requirements-test.txt).
from core.testing import factories as f

projekt = f.ProjektFactory()
mentor = f.FelhasznaloFactory()
f.TagsagFactory(projekt=projekt, felhasznalo=mentor)
terulet = f.AkcioTeruletFactory(projekt=projekt)
f.UtcaSzakaszFactory(akcioterulet=terulet)
for _ in range(5):
    ugyfel = f.UgyfelFactory(projekt=projekt, mentor=mentor)
    f.HaztartasTagFactory(haztartas=f.HaztartasFactory(projekt=projekt), ugyfel=ugyfel)
