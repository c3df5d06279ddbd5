from transition.text import fold, split_type, tone_key, tone_variants_differ


def test_tone_mark_placement_is_ignored_but_marks_are_kept():
    assert tone_key("Hòa Bình") == tone_key("Hoà Bình")
    assert tone_key("Thủy Nguyên") == tone_key("Thuỷ Nguyên")
    assert tone_key("Tân An") != tone_key("Tấn An")
    assert tone_variants_differ("Xã Hải Hòa", "Xã Hải Hoà")
    assert not tone_variants_differ("Xã Hải Hòa", "Xã Hải Hòa")


def test_fold_drops_every_diacritic():
    assert fold("Quảng Ninh") == "quang ninh"
    assert fold("Đặc khu  Cô Tô") == "dac khu co to"
    assert tone_key("PHƯỜNG HÀ TU") == tone_key("phường hà tu")


def test_nfd_input_is_matched_like_nfc():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hạ Long")
    assert tone_key(nfd) == tone_key("Hạ Long")


def test_split_type_recognises_prefixes_without_diacritics():
    assert split_type("Thị trấn Ba Chẽ") == ("Thị trấn", "Ba Chẽ")
    assert split_type("thi xa Dong Trieu") == ("Thị xã", "Dong Trieu")
    assert split_type("Đặc khu Vân Đồn") == ("Đặc khu", "Vân Đồn")
    assert split_type("Hà Tu") == (None, "Hà Tu")
    assert split_type("Phường 3") == ("Phường", "3")
