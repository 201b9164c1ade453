"""The Dutch gemeenten known to this installation's checks: CBS code, name and population in
thousands (2024 boundaries, ~342 gemeenten of 1 January 2024; the Caribbean public bodies are
left out: the Wet inburgering 2021 does not apply there).

A gemeente is added on the management pages only with a CBS code from this list
(`accounts.services.maak_gemeente`, docs/adr/0033). CBS codes come from a public historic code
list plus our own knowledge for the gemeenten formed by mergers since 2019. Population figures
are rounded from memory and INDICATIVE (the demo data weighs by them). After a municipal
merger CBS publishes the new code on 1 January: add it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class GemeenteInfo:
    cbs_code: str
    naam: str
    inwoners_k: int


_LIJST = """
1680|Aa en Hunze|25 0106|Assen|69 1681|Borger-Odoorn|26 0109|Coevorden|36 0114|Emmen|108
0118|Hoogeveen|56 0119|Meppel|35 1731|Midden-Drenthe|34 1699|Noordenveld|33 1730|Tynaarlo|35
1701|Westerveld|20 1690|De Wolden|25
0034|Almere|226 0303|Dronten|43 0995|Lelystad|82 0171|Noordoostpolder|48 0184|Urk|22
0050|Zeewolde|23
0059|Achtkarspelen|28 0060|Ameland|4 1891|Dantumadiel|19 1940|De Fryske Marren|52
0072|Harlingen|16 0074|Heerenveen|51 0080|Leeuwarden|126 1970|Noardeast-Fryslân|45
0085|Ooststellingwerf|26 0086|Opsterland|30 0088|Schiermonnikoog|1 0090|Smallingerland|57
1900|Súdwest-Fryslân|91 0093|Terschelling|5 0096|Vlieland|1 1949|Waadhoeke|47
0098|Weststellingwerf|26 0737|Tytsjerksteradiel|32
0197|Aalten|27 0200|Apeldoorn|167 0202|Arnhem|166 0203|Barneveld|61 1945|Berg en Dal|35
1859|Berkelland|44 0209|Beuningen|26 1876|Bronckhorst|37 0213|Brummen|21 0214|Buren|27
0216|Culemborg|30 0221|Doesburg|11 0222|Doetinchem|59 0225|Druten|19 0226|Duiven|26
0228|Ede|120 0230|Elburg|24 0232|Epe|33 0233|Ermelo|27 0243|Harderwijk|49 0244|Hattem|12
0246|Heerde|19 0252|Heumen|17 1705|Lingewaard|48 0262|Lochem|34 0263|Maasdriel|25
1955|Montferland|36 1740|Neder-Betuwe|25 0267|Nijkerk|45 0268|Nijmegen|181 0302|Nunspeet|29
0269|Oldebroek|24 1586|Oost Gelre|30 1509|Oude IJsselstreek|40 1734|Overbetuwe|49
0273|Putten|25 0274|Renkum|32 0275|Rheden|44 0277|Rozendaal|2 0279|Scherpenzeel|10
0281|Tiel|43 0285|Voorst|25 0289|Wageningen|40 1960|West Betuwe|52 0668|West Maas en Waal|20
0293|Westervoort|15 0294|Winterswijk|29 0296|Wijchen|41 0297|Zaltbommel|30 0299|Zevenaar|45
0301|Zutphen|49
1979|Eemsdelta|46 0014|Groningen|238 1966|Het Hogeland|48 1952|Midden-Groningen|61
1895|Oldambt|39 0765|Pekela|12 0037|Stadskanaal|32 0047|Veendam|28 1969|Westerkwartier|65
1950|Westerwolde|26
0888|Beek|16 1954|Beekdaelen|36 0893|Bergen (L.)|13 0899|Brunssum|28 0889|Beesel|13
1711|Echt-Susteren|32 1903|Eijsden-Margraten|25 0907|Gennep|17 1729|Gulpen-Wittem|14
0917|Heerlen|87 1507|Horst aan de Maas|43 0928|Kerkrade|45 0882|Landgraaf|37 1640|Leudal|36
1641|Maasgouw|24 0935|Maastricht|122 0938|Meerssen|19 0944|Mook en Middelaar|8
0946|Nederweert|17 1894|Peel en Maas|45 1669|Roerdalen|21 0957|Roermond|59 0965|Simpelveld|10
1883|Sittard-Geleen|91 0971|Stein|25 0981|Vaals|10 0983|Venlo|102 0984|Venray|44
0986|Voerendaal|12 0988|Weert|50 0994|Valkenburg aan de Geul|16
1959|Altena|57 0743|Asten|17 0744|Baarle-Nassau|7 0748|Bergen op Zoom|68 1721|Bernheze|32
0753|Best|31 1728|Bladel|21 0755|Boekel|11 0757|Boxtel|32 0758|Breda|185 1706|Cranendonck|21
0762|Deurne|33 0766|Dongen|27 1719|Drimmelen|27 0770|Eersel|20 0772|Eindhoven|240
0777|Etten-Leur|45 0779|Geertruidenberg|22 1771|Geldrop-Mierlo|40 1652|Gemert-Bakel|31
0784|Gilze en Rijen|27 0785|Goirle|24 1655|Halderberge|30 1658|Heeze-Leende|16
0794|Helmond|94 0797|Heusden|45 0798|Hilvarenbeek|16 1659|Laarbeek|23 1982|Land van Cuijk|92
0809|Loon op Zand|23 1991|Maashorst|61 1948|Meierijstad|83 1709|Moerdijk|37
0820|Nuenen, Gerwen en Nederwetten|23 0823|Oirschot|19 0824|Oisterwijk|33 0828|Oss|95
0826|Oosterhout|57 1667|Reusel-De Mierden|13 1674|Roosendaal|78 0840|Rucphen|23
0845|Sint-Michielsgestel|30 0847|Someren|19 0848|Son en Breugel|17 0851|Steenbergen|25
0855|Tilburg|227 0858|Valkenswaard|31 0861|Veldhoven|46 0865|Vught|27 0866|Waalre|17
0867|Waalwijk|49 0873|Woensdrecht|22 0879|Zundert|22 0796|'s-Hertogenbosch|160
0358|Aalsmeer|33 0361|Alkmaar|111 0362|Amstelveen|92 0363|Amsterdam|930 0373|Bergen (NH.)|30
0375|Beverwijk|42 0376|Blaricum|12 0377|Bloemendaal|24 0383|Castricum|36 0400|Den Helder|56
0384|Diemen|32 1980|Dijk en Waard|90 0385|Edam-Volendam|37 0388|Enkhuizen|19
1942|Gooise Meren|59 0392|Haarlem|163 0394|Haarlemmermeer|162 0396|Heemskerk|40
0397|Heemstede|28 0399|Heiloo|24 0402|Hilversum|93 0405|Hoorn|75 0406|Huizen|41
1598|Koggenland|24 0415|Landsmeer|12 0417|Laren|11 0420|Medemblik|47 0431|Oostzaan|10
0432|Opmeer|12 0437|Ouder-Amstel|15 0439|Purmerend|93 0441|Schagen|47 0532|Stede Broec|22
0448|Texel|14 0450|Uitgeest|14 0451|Uithoorn|31 0453|Velsen|69 0852|Waterland|17
0880|Wormerland|17 0479|Zaanstad|158 0473|Zandvoort|17 1911|Hollands Kroon|49
0498|Drechterland|20
0141|Almelo|74 0147|Borne|24 0148|Dalfsen|29 0150|Deventer|102 1774|Dinkelland|27
0153|Enschede|160 0158|Haaksbergen|24 0160|Hardenberg|62 0163|Hellendoorn|36 0164|Hengelo|82
0166|Kampen|55 0168|Losser|23 0173|Oldenzaal|32 1773|Olst-Wijhe|18 0175|Ommen|18
0177|Raalte|38 1742|Rijssen-Holten|38 0180|Staphorst|17 1708|Steenwijkerland|44
0183|Tubbergen|21 1700|Twenterand|34 0189|Wierden|25 0193|Zwolle|131 1735|Hof van Twente|35
1896|Zwartewaterland|23
0307|Amersfoort|160 0308|Baarn|25 0312|Bunnik|15 0313|Bunschoten|22 0310|De Bilt|43
0736|De Ronde Venen|45 0317|Eemnes|9 0321|Houten|50 0353|IJsselstein|34 0327|Leusden|30
0331|Lopik|15 0335|Montfoort|14 0356|Nieuwegein|64 0589|Oudewater|10 0339|Renswoude|6
0340|Rhenen|20 0342|Soest|47 1904|Stichtse Vecht|65 0344|Utrecht|374
1581|Utrechtse Heuvelrug|50 0345|Veenendaal|68 1961|Vijfheerenlanden|58
0352|Wijk bij Duurstede|24 0632|Woerden|53 0351|Woudenberg|14 0355|Zeist|66
0654|Borsele|23 0664|Goes|39 0677|Hulst|28 0678|Kapelle|13 0687|Middelburg|50
1695|Noord-Beveland|8 0703|Reimerswaal|23 1676|Schouwen-Duiveland|34 1714|Sluis|23
0715|Terneuzen|55 0716|Tholen|27 0717|Veere|22 0718|Vlissingen|45
0482|Alblasserdam|20 0484|Alphen aan den Rijn|113 0489|Barendrecht|49
1901|Bodegraven-Reeuwijk|36 1992|Voorne aan Zee|71 0502|Capelle aan den IJssel|67
0503|Delft|105 0505|Dordrecht|121 1924|Goeree-Overflakkee|50 0512|Gorinchem|38 0513|Gouda|74
0523|Hardinxveld-Giessendam|19 0531|Hendrik-Ido-Ambacht|32 0534|Hillegom|23
1963|Hoeksche Waard|89 1884|Kaag en Braassem|28 0537|Katwijk|67
0542|Krimpen aan den IJssel|30 1931|Krimpenerwaard|57 1621|Lansingerland|64 0546|Leiden|127
0547|Leiderdorp|28 1916|Leidschendam-Voorburg|77 0553|Lisse|23 0556|Maassluis|34
1842|Midden-Delfland|20 1978|Molenlanden|45 0569|Nieuwkoop|29 0575|Noordwijk|44
0579|Oegstgeest|25 0590|Papendrecht|33 1926|Pijnacker-Nootdorp|56 0597|Ridderkerk|47
0603|Rijswijk|58 0599|Rotterdam|664 0606|Schiedam|80 0610|Sliedrecht|26 1525|Teylingen|38
0626|Voorschoten|26 0627|Waddinxveen|32 0629|Wassenaar|27 1783|Westland|113
0637|Zoetermeer|127 0638|Zoeterwoude|9 1892|Zuidplas|48 0518|'s-Gravenhage|562
1930|Nissewaard|86 0613|Albrandswaard|26 0642|Zwijndrecht|45
"""


def _parse(tekst: str) -> list[GemeenteInfo]:
    # Entries are "code|naam|inwoners", separated by whitespace.
    items = re.findall(r"(\d{4})\|([^|]+)\|(\d+)", tekst.replace("\n", " "))
    return [GemeenteInfo(code, naam.strip(), int(k)) for code, naam, k in items]


GEMEENTEN: list[GemeenteInfo] = _parse(_LIJST)
PER_CODE: dict[str, GemeenteInfo] = {g.cbs_code: g for g in GEMEENTEN}
