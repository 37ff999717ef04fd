DROP TABLE topic_slug_redirects;
DROP TABLE topics;
