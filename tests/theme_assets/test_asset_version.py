from theme_assets import asset_version


def test_version_changes_with_content_and_names(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body{}")
    first = asset_version(tmp_path)
    assert len(first) == 10 and first == asset_version(tmp_path)
    (tmp_path / "css" / "site.css").write_text("body{color:red}")
    second = asset_version(tmp_path)
    assert second != first
    (tmp_path / "css" / "site.css").rename(tmp_path / "css" / "main.css")
    assert asset_version(tmp_path) != second


def test_no_static_folder_gives_no_version(tmp_path):
    assert asset_version(tmp_path / "missing") == ""


def test_built_pages_reference_versioned_assets(sample_build):
    head = sample_build.soup("index.html").find("head")
    stylesheet = head.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/theme/css/site.css?v=")
    assert len(stylesheet.split("?v=")[1]) == 10
