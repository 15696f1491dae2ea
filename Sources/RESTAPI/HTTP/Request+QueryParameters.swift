import Foundation
import Hummingbird

extension Request {
    /// The query parameters in order, names and values percent-decoded. Hummingbird decodes only the values, and
    /// clients encode names too: xnatpy sends `xnat%3AmrScanData/type=t1w` for `xnat:mrScanData/type`.
    var decodedQueryParameters: [(name: String, value: String)] {
        uri.queryParameters.map { key, value in
            (String(key).removingPercentEncoding ?? String(key), String(value))
        }
    }
}
